"""Service page (service leads): which of our people lean on paid support, and is it
getting better?"""


import streamlit as st

from assetmap import views
from dashboards import service_view, session
from dashboards.text import PERCENT_COLUMN_FORMAT, md_text, percent
from graph import dashboard_reads
from graph.model import Role

scope = session.require_viewer(Role.SERVICE_LEAD)
settings = session.settings()
as_of = settings.today().isoformat()
view = views.service(session.store(), scope, scope.scope_id, as_of=as_of,
                     limits=settings.analytics)
st.title(md_text(service_view.service_title(dashboard_reads.service_names(session.store()),
                                             scope.scope_id)))
if view is None:
    st.info("No clients in this service yet.")
    st.stop()

table = view.caseload[list(views.CASELOAD_COLUMNS)]
thresholds = settings.analytics
over, overdue = int(table["over_reliant"].sum()), int(table["review_overdue"].sum())
first, second, third = st.columns(3)
first.metric("Clients", len(table))
second.metric("Over-reliant on paid support", over,
              help=f"Paid share ≥ {percent(thresholds.over_reliance_paid_share)} and fewer than "
                   f"{thresholds.over_reliance_informal_ties_below} natural/community ties")
third.metric("Reviews overdue", overdue,
             help="The review fell due on the next review date planned at the last review; "
                  f"with none planned, {thresholds.review_interval_days} days after the last "
                  "review (or after the start date, with none), or nothing is recorded")

st.subheader("Caseload, most reliant on paid support first")
picked = st.dataframe(
    service_view.caseload_table(table).rename(columns=views.CASELOAD_COLUMNS),
    hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
    column_config={
        "Paid share": st.column_config.ProgressColumn(min_value=0, max_value=100,
                                                      format=PERCENT_COLUMN_FORMAT),
        "Formal share": st.column_config.NumberColumn(format=PERCENT_COLUMN_FORMAT),
        "Change over 3 months": st.column_config.NumberColumn(format=PERCENT_COLUMN_FORMAT),
        "Change over 12 months": st.column_config.NumberColumn(format=PERCENT_COLUMN_FORMAT),
        "Paid share, last 12 months": st.column_config.LineChartColumn(y_min=0, y_max=1),
    },
)
rows = picked.selection.rows if picked is not None else []
if rows:
    person_id = str(table.iloc[rows[0]]["person_id"])
    st.markdown(md_text(service_view.selected_line(table.iloc[rows[0]].to_dict())))
    st.page_link("screens/person.py", label=f"Open the person page of {md_text(person_id)}",
                 query_params={"person": person_id})
else:
    st.caption("Select a row to open that person's page.")

st.subheader("Is it improving? The last 12 months")
st.caption("Paid share of support among the service's clients at each month end "
           "(median and quartiles of those with a measurable share), and how many were "
           "over-reliant. Undated ties count from each client's start.")
left, right = st.columns(2)
left.line_chart(service_view.share_trend_chart(view.trend), y_label="paid share")
right.bar_chart(service_view.over_reliance_chart(view.trend), y_label="clients")

st.subheader("Distribution of paid share")
st.bar_chart(service_view.distribution(table), y_label="clients")

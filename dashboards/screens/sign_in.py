"""Sign in: shown until the viewer has a role. No data is read on this page."""

import streamlit as st

from assetmap.roles import ROLES_ENV, roles_path
from dashboards.session import logged_in

st.title("assetmap")
if logged_in():
    st.warning("You are signed in, but no role has been granted to you in this dashboard. "
               "Ask your administrator to add you to the roles file.")
    st.button("Log out", on_click=st.logout)
elif roles_path() is None:
    st.error(f"Sign-in is not configured: set {ROLES_ENV} to the roles file and configure "
             "an OIDC provider in .streamlit/secrets.toml ([auth]). "
             "To try the dashboard on synthetic data, run `assetmap demo`.")
else:
    st.write("Sign in with your organisation account to see the people you support.")
    st.button("Sign in", on_click=st.login, type="primary")

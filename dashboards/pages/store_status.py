"""What store the dashboard is on and what it holds."""

import streamlit as st

from assetmap.cli_store import store_status

st.title("assetmap")
status = store_status()
st.caption(status.get("description") or status["store"])
if not status["reachable"]:
    st.error(f"The store cannot be reached: {status['error']}")
else:
    st.metric("Clients", status["labels"].get("Client", 0))
    st.dataframe(
        [{"label": label, "nodes": count} for label, count in status["labels"].items()],
        hide_index=True,
    )

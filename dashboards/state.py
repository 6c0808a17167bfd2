"""Every ``st.session_state`` key the dashboard uses, in one place.

Pages refer to these constants, never to string literals, so two pages cannot
collide on a key by accident and a search finds every use.
"""

#: The viewer's ``Scope`` as the entry file resolved it for this run (pages read it).
VIEWER = "viewer"
#: Demo mode: the "viewing as" choice (a label from ``identity.demo_viewers``).
VIEWING_AS = "viewing_as"
#: The client open on the person page (an id; checked against scope on every run).
SELECTED_PERSON = "selected_person"
#: The person-page date slider: the network is drawn as of this date.
AS_OF = "as_of"
#: The person-page what-if control: the tie whose loss is shown.
WHAT_IF_TIE = "what_if_tie"
#: Person page: the report prepared for download (person id, as-of date, the HTML).
PERSON_REPORT = "person_report"
#: (page, person id) of the last person view written to the audit log in this session.
AUDITED_VIEW = "audited_view"
#: The page the navigation ran last, so a return to a person counts as a new view.
CURRENT_PAGE = "current_page"
#: Import page: the uploaded files saved to a private temporary folder, with their report.
IMPORT_STAGED = "import_staged"
IMPORT_COMPLETE_NETWORK = "import_complete_network"
#: Import page: bumped after an import so the uploader starts empty.
IMPORT_UPLOADER_GENERATION = "import_uploader_generation"
#: Directory page filters.
DIRECTORY_AREAS = "directory_areas"
DIRECTORY_CATEGORIES = "directory_categories"
DIRECTORY_ACCESS = "directory_access"
DIRECTORY_FREE_ONLY = "directory_free_only"
DIRECTORY_HIDE_OVERDUE = "directory_hide_overdue"
#: The asset chosen for upkeep, and the versions the upkeep forms read (per asset).
DIRECTORY_UPKEEP_ASSET = "directory_upkeep_asset"
DIRECTORY_UPKEEP_READS = "directory_upkeep_reads"
#: The outcome of the last upkeep save (ok, words), shown on the run after it.
DIRECTORY_UPKEEP_NOTICE = "directory_upkeep_notice"
#: Workbench page: the client worked with, the prompt asked, the tie and connection
#: chosen, the evidence date and kind, the measure, and the outcome of the last save
#: (kept for the run a save asks for, which shows the record as saved).
WORKBENCH_PERSON = "workbench_person"
WORKBENCH_PROMPT = "workbench_prompt"
WORKBENCH_TIE = "workbench_tie"
WORKBENCH_CONNECTION = "workbench_connection"
WORKBENCH_EVIDENCE_DATE = "workbench_evidence_date"
WORKBENCH_EVENT_KIND = "workbench_event_kind"
WORKBENCH_INSTRUMENT = "workbench_instrument"
WORKBENCH_NOTICE = "workbench_notice"
#: Workbench page: each tie as the page first read it ({tie_id: TieState}); its version
#: travels with the form and is dropped after a save.
WORKBENCH_READS = "workbench_reads"
#: Workbench page: the client the forms were last drawn for.
WORKBENCH_DRAWN_FOR = "workbench_drawn_for"

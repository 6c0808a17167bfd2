"""The HTML document of a person's network report (a Jinja template, autoescaped).

Kept in a module, like ``assetmap.map_template``, so it ships as code. It names no
other host; its Content-Security-Policy refuses any fetch. The map is the dashboard's
map document, passed through autoescaping into a sandboxed ``srcdoc`` frame.
"""

REPORT_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-src 'self' about: data:">
<meta name="referrer" content="no-referrer">
<title>Support network report: {{ name }} ({{ as_of }})</title>
<style>
  body { font-family: sans-serif; margin: 24px auto; max-width: 1100px; color: #222; line-height: 1.4; }
  h1 { font-size: 1.6em; margin-bottom: 0.2em; }
  h2 { font-size: 1.2em; border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 1.8em; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
  th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
  th { background: #f2f2f2; }
  dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; }
  dl.facts dt { font-weight: bold; }
  dl.facts dd { margin: 0; }
  .muted { color: #666; }
  iframe.map { width: 100%; border: 0; }
  svg text { font-size: 11px; fill: #444; }
  @media print { iframe.map { page-break-inside: avoid; } h2 { page-break-after: avoid; } }
</style>
</head>
<body>
<header>
  <h1>Support network report: {{ name }}</h1>
  <p class="muted">Client {{ client.person_id }} · as of {{ as_of }} · produced {{ generated_at }}
    by {{ generated_by }} · for a review meeting; keep it as securely as the case record.</p>
  <dl class="facts">
    <dt>Area</dt><dd>{{ client.area or "-" }}</dd>
    <dt>Practitioner</dt><dd>{{ client.practitioner or "-" }}</dd>
    {% for label, value in profile.items() %}<dt>{{ label }}</dt><dd>{{ value }}</dd>{% endfor %}
  </dl>
</header>

<section id="map">
  <h2>Network map</h2>
  <iframe class="map" title="Support network of {{ name }}" sandbox="allow-scripts"
          style="height: {{ map_height }}px" srcdoc="{{ map_html }}"></iframe>
</section>

<section id="ties">
  <h2>Ties on {{ as_of }}</h2>
  <dl class="facts">
    {% for label, value in shares.items() %}<dt>{{ label }}</dt><dd>{{ value }}</dd>{% endfor %}
  </dl>
  <table>
    <thead><tr><th>Who / what</th><th>Kind</th><th>Relationship</th><th>Functions</th>
      <th>Hours/week</th><th>Contacts/month</th><th>Strength</th><th>Quality</th>
      <th>Status</th><th>Since</th><th>Single point of failure</th></tr></thead>
    <tbody>
    {% for tie in ties %}
      <tr><td>{{ tie.name }}</td><td>{{ tie.kind }}</td><td>{{ tie.relationship or "" }}</td>
        <td>{{ tie.functions }}</td><td>{{ tie.hours_per_week if tie.hours_per_week is not none else "" }}</td>
        <td>{{ tie.contacts_per_month if tie.contacts_per_month is not none else "" }}</td>
        <td>{{ tie.strength if tie.strength is not none else "" }}</td><td>{{ tie.quality or "" }}</td>
        <td>{{ tie.status or "" }}</td><td>{{ tie.since or "" }}</td><td>{{ tie.single_point }}</td></tr>
    {% else %}
      <tr><td colspan="11">No ties recorded on this date.</td></tr>
    {% endfor %}
    </tbody>
  </table>
</section>

<section id="single-points">
  <h2>Single points of failure</h2>
  {% if single_points %}
  <table>
    <thead><tr><th>Who / what</th><th>Severity</th><th>Why</th><th>Suggested action</th><th>Only they provide</th><th>Connections that depend on them</th></tr></thead>
    <tbody>
    {% for point in single_points %}
      <tr><td>{{ point["Who"] }} ({{ point["Kind"] }})</td><td>{{ point["Severity"] }}</td><td>{{ point["Why"] }}</td><td>{{ point["Suggested action"] }}</td><td>{{ point["Only they provide"] }}</td><td>{{ point["Depend on them"] }}</td></tr>
    {% endfor %}
    </tbody>
  </table>
  {% else %}<p>None found on this date.</p>{% endif %}
  <p><strong>Support needed that nobody provides:</strong> {{ uncovered|join(", ") or "none" }}</p>
</section>

<section id="recorded">
  <h2>Recorded with the person</h2>
  {% if work_ties %}
  <table>
    <thead><tr><th>Who or what</th><th>In their own words</th><th>Steps</th>
      <th>On the day</th><th>Last changed</th></tr></thead>
    <tbody>
    {% for row in work_ties %}
      <tr><td>{{ row.name }}</td><td>{{ row.own_words }}</td><td>{{ row.steps }}</td>
        <td>{{ row.on_the_day }}</td><td>{{ row.changed }}</td></tr>
    {% endfor %}
    </tbody>
  </table>
  {% else %}<p>Nothing recorded in the person's own words yet.</p>{% endif %}
  {% if work_entries %}
  <table>
    <thead><tr><th>Date</th><th>Recorded</th><th>By</th></tr></thead>
    <tbody>{% for row in work_entries %}<tr><td>{{ row.date }}</td><td>{{ row.what }}</td><td>{{ row.by }}</td></tr>{% endfor %}</tbody>
  </table>
  {% endif %}
</section>

<section id="steps">
  <h2>Each step, who recorded it and when</h2>
  {% if steps %}
  <table>
    <thead><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>Values recorded</th></tr></thead>
    <tbody>{% for row in steps %}<tr><td>{{ row.when }}</td><td>{{ row.who }}</td><td>{{ row.what }}</td><td>{{ row.values }}</td></tr>{% endfor %}</tbody>
  </table>
  {% else %}<p>Nothing recorded in the dashboard yet (records imported from files are in the audit log).</p>{% endif %}
</section>

<section id="plan">
  <h2>Plan, risks and mitigations</h2>
  {% if plans %}
  <table>
    <thead><tr><th>Connection</th><th>Contact</th><th>Travel</th><th>Adjustments</th>
      <th>If it does not work out</th><th>Risks</th><th>Mitigations</th></tr></thead>
    <tbody>
    {% for row in plans %}
      <tr><td>{{ row.name }}</td><td>{{ row.plan_contact }}</td><td>{{ row.plan_travel }}</td>
        <td>{{ row.plan_adjustments }}</td><td>{{ row.plan_exit }}</td><td>{{ row.risk_flags }}</td>
        <td>{{ row.mitigations }}</td></tr>
    {% endfor %}
    </tbody>
  </table>
  {% else %}<p>No introduction plans, connection risks or mitigations recorded.</p>{% endif %}
  <h3>Risks and the mitigations agreed</h3>
  {% if risks %}
  <table>
    <thead><tr><th>Risk</th><th>Recorded on</th><th>Mitigations agreed</th></tr></thead>
    <tbody>{% for row in risks %}<tr><td>{{ row["Risk"] }}</td><td>{{ row["Recorded on"] }}</td><td>{{ row["Mitigations agreed"] }}</td></tr>{% endfor %}</tbody>
  </table>
  {% else %}<p>No risks recorded.</p>{% endif %}
</section>

<section id="isolation">
  <h2>Isolation ({{ direction }})</h2>
  <p>{{ isolation_summary }}</p>
  <p class="muted">Each panel has its own scale. Dashed line: the cut-off. Shaded months: at
    risk (by the validated measures while in date, else by the network rule).</p>
  {% for panel in chart.panels %}
  <svg role="img" aria-label="{{ panel.title }}, {{ chart.first }} to {{ chart.last }}"
       width="{{ chart.width }}" height="{{ chart.height }}" viewBox="0 0 {{ chart.width }} {{ chart.height }}">
    <text x="{{ chart.margin }}" y="14">{{ panel.title }}</text>
    <rect x="{{ chart.margin }}" y="{{ chart.margin }}" width="{{ chart.width - 2 * chart.margin }}"
          height="{{ chart.height - 2 * chart.margin }}" fill="#fafafa" stroke="#ccc"/>
    {% for x, w in panel.shades %}<rect class="at-risk" x="{{ x }}" y="{{ chart.margin }}" width="{{ w }}"
          height="{{ chart.height - 2 * chart.margin }}" fill="#F0E442" opacity="0.5"/>{% endfor %}
    {% if panel.cut_off_y is not none %}<line class="cut-off" x1="{{ chart.margin }}" x2="{{ chart.width - chart.margin }}"
          y1="{{ panel.cut_off_y }}" y2="{{ panel.cut_off_y }}" stroke="#D55E00" stroke-dasharray="4 4"/>
    <text x="{{ chart.width - chart.margin - 4 }}" y="{{ panel.cut_off_y - 3 }}" text-anchor="end">{{ panel.cut_off_words }}</text>{% endif %}
    <polyline points="{{ panel.points }}" fill="none" stroke="#0072B2" stroke-width="2"/>
    {% for x, y in panel.dots %}<circle cx="{{ x }}" cy="{{ y }}" r="3" fill="#0072B2"/>{% endfor %}
    <text x="2" y="{{ chart.margin + 4 }}">{{ panel.high }}</text><text x="2" y="{{ chart.bottom }}">{{ panel.low }}</text>
    <text x="{{ chart.margin }}" y="{{ chart.height - 6 }}">{{ chart.first }}</text>
    <text x="{{ chart.width - chart.margin - 44 }}" y="{{ chart.height - 6 }}">{{ chart.last }}</text>
  </svg>
  {% endfor %}
  <table>
    <thead><tr>{% for column in month_columns %}<th>{{ column }}</th>{% endfor %}</tr></thead>
    <tbody>
    {% for row in months %}
      <tr>{% for column in month_columns %}<td>{{ row[column] }}</td>{% endfor %}</tr>
    {% endfor %}
    </tbody>
  </table>
</section>

<section id="triggers">
  <h2>Review triggers</h2>
  {% if triggers %}
  <table>
    <thead><tr><th>Date</th><th>Trigger</th><th>Evidence</th></tr></thead>
    <tbody>{% for row in triggers %}<tr><td>{{ row["Date"] }}</td><td>{{ row["Trigger"] }}</td><td>{{ row["Evidence"] }}</td></tr>{% endfor %}</tbody>
  </table>
  {% else %}<p>No review triggers in the window before {{ as_of }}.</p>{% endif %}
</section>

<section id="history">
  <h2>Review history</h2>
  {% if reviews %}
  <table>
    <thead><tr><th>Date</th><th>Notes</th></tr></thead>
    <tbody>{% for row in reviews %}<tr><td>{{ row["Date"] }}</td><td>{{ row["Notes"] }}</td></tr>{% endfor %}</tbody>
  </table>
  {% else %}<p>No reviews recorded.</p>{% endif %}
  <h3>Measures</h3>
  {% if measures %}
  <table>
    <thead><tr><th>Date</th><th>Instrument</th><th>Score</th><th>Corrected</th></tr></thead>
    <tbody>{% for row in measures %}<tr><td>{{ row["Date"] }}</td><td>{{ row["Instrument"] }}</td><td>{{ row["Score"] }}</td><td>{{ row["Corrected"] }}</td></tr>{% endfor %}</tbody>
  </table>
  {% else %}<p>No measures recorded.</p>{% endif %}
  <h3>Other recorded events</h3>
  {% if events %}
  <table>
    <thead><tr><th>Date</th><th>Event</th><th>With</th><th>Notes</th></tr></thead>
    <tbody>{% for row in events %}<tr><td>{{ row["Date"] }}</td><td>{{ row["Event"] }}</td><td>{{ row["With"] }}</td><td>{{ row["Notes"] }}</td></tr>{% endfor %}</tbody>
  </table>
  {% else %}<p>No other events recorded.</p>{% endif %}
</section>
</body>
</html>
"""

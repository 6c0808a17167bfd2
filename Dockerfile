# The assetmap dashboard image used by docker-compose.yml.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph graph
COPY cypher cypher
COPY ingest ingest
COPY analytics analytics
COPY dashboards dashboards
COPY assetmap assetmap
RUN pip install --no-cache-dir .
RUN useradd --create-home assetmap
USER assetmap
EXPOSE 8501
CMD ["assetmap", "serve", "--address", "0.0.0.0", "--port", "8501"]

# Kontaktcenter: one image for web, worker and beat (the command differs).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY kontaktcenter kontaktcenter
COPY arenden arenden
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=bygge-endast-for-collectstatic-0123456789abcdef python manage.py collectstatic --noinput
RUN useradd --system --uid 1000 kontaktcenter && mkdir -p /app/media && chown kontaktcenter /app/media
USER kontaktcenter
EXPOSE 8000
CMD ["gunicorn", "kontaktcenter.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", "--access-logformat", "%(h)s %(t)s \"%(m)s %(U)s %(H)s\" %(s)s %(b)s %(M)sms"]

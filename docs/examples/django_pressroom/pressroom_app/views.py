"""Preview and save views: every pressgen finding lands next to its form field."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from .forms import article_form_class, form_to_article
from .models import PressArticle
from .room import get_room


def _attach_findings(form, findings) -> None:
    """Put each finding on the field its JSON pointer names (/editor, /facts/1, ...)."""
    for finding in findings:
        field = finding.path.strip("/").split("/")[0] or None
        message = f"{finding.message} ({finding.code}). {finding.hint}".strip()
        form.add_error(field if field in form.fields else None, message)


def preview(request: HttpRequest) -> HttpResponse:
    """POST the form; get the sanitised HTML of the article, or the form's errors."""
    form = article_form_class()(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    result = get_room().render_article(form_to_article(form.cleaned_data))
    if not result.ok:
        _attach_findings(form, [f for f in result.findings if f.is_error])
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return HttpResponse(result.html)


def save(request: HttpRequest) -> HttpResponse:
    """Validate, then store the article dict; the file version is available for export."""
    form = article_form_class()(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    article = form_to_article(form.cleaned_data)
    errors = [f for f in get_room().validate_article(article) if f.is_error]
    if errors:
        _attach_findings(form, errors)
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    saved = PressArticle.objects.create(article=article)
    return JsonResponse({"id": saved.pk, "file": get_room().to_front_matter(article)})

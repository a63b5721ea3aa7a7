from django.urls import path
from pressroom_app import views

urlpatterns = [
    path("articles/preview/", views.preview, name="preview"),
    path("articles/save/", views.save, name="save"),
]

from django.apps import AppConfig


class PressroomAppConfig(AppConfig):
    name = "pressroom_app"
    default_auto_field = "django.db.models.BigAutoField"

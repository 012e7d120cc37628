"""Union Portal: the table of contents. Blueprints only; everything else lives in chalicelib/."""

from chalice import Chalice

from chalicelib.api import admin, applications, auth, health, lifecycle, me, members, openapi, organisation
from functions import membership_application

app = Chalice(app_name="union-portal")

for blueprint in (health, auth, me, members, applications, organisation, admin, openapi):
    app.register_blueprint(blueprint.bp, url_prefix="/api")
app.register_blueprint(membership_application.tasks)
app.register_blueprint(lifecycle.bp)

"""Union Portal: the table of contents. Blueprints only; everything else lives in chalicelib/."""

from chalice import Chalice

from chalicelib.api import (
    admin,
    applications,
    auth,
    certificates,
    elections,
    events,
    exports,
    health,
    lifecycle,
    me,
    members,
    openapi,
    organisation,
    segments,
)
from chalicelib.api.media import BINARY_TYPES
from functions import (
    election_closing,
    election_opening,
    event_cancellation,
    event_reminders,
    membership_application,
    training_enrolment,
)

app = Chalice(app_name="union-portal")
app.api.binary_types.extend(BINARY_TYPES)

for blueprint in (health, auth, me, members, applications, organisation, admin, openapi):
    app.register_blueprint(blueprint.bp, url_prefix="/api")
app.register_blueprint(segments.bp, url_prefix="/api")
app.register_blueprint(exports.bp, url_prefix="/api")
app.register_blueprint(events.bp, url_prefix="/api")
app.register_blueprint(certificates.bp, url_prefix="/api")
app.register_blueprint(elections.bp, url_prefix="/api")
app.register_blueprint(membership_application.tasks)
app.register_blueprint(training_enrolment.tasks)
app.register_blueprint(event_reminders.bp)
app.register_blueprint(event_cancellation.tasks)
app.register_blueprint(election_closing.tasks)
app.register_blueprint(election_opening.tasks)
app.register_blueprint(lifecycle.bp)

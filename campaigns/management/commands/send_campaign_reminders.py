"""`manage.py send_campaign_reminders`: every e-mail due about the campaigns' fiches, for
cron each morning (README); the rules are campaigns/mail.py's."""

from django.core.management.base import BaseCommand, CommandError

from campaigns import mail


def count(number, singular, plural):
    return f"{number} {singular if number <= 1 else plural}"


class Command(BaseCommand):
    help = (
        "Envoie les courriels dus sur les fiches des campagnes : ouverture, rappels à 7 jours "
        "et à 1 jour de la date limite, soumission (à la CRES), décision (aux coordinateurs). "
        "Un courriel envoyé ne repart pas ; un courriel en échec repart au passage suivant."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Liste les courriels dus et leurs destinataires, sans rien envoyer.",
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            self.list_due()
            return
        outcome = mail.send_due(mail.pending_fiches())
        summary = count(outcome.sent, "courriel envoyé", "courriels envoyés")
        if outcome.failed:
            they = "il repartira" if outcome.failed == 1 else "ils repartiront"
            summary += f", {outcome.failed} en échec ({they} au prochain passage)"
        if outcome.unaddressed:
            they = "il partira" if outcome.unaddressed == 1 else "ils partiront"
            summary += (
                f", {outcome.unaddressed} sans destinataire "
                f"({they} dès qu'une adresse sera renseignée)"
            )
        self.stdout.write(summary + ".")
        if outcome.failed:
            raise CommandError(
                f"{count(outcome.failed, 'courriel', 'courriels')} en échec : "
                "voir le journal ci-dessus."
            )

    def list_due(self):
        due = mail.due(mail.pending_fiches())
        for item in due:
            recipients = ", ".join(item.recipients) or "aucun destinataire"
            self.stdout.write(f"{item.fiche} : {item.kind.label} → {recipients}")
        self.stdout.write(
            f"{count(len(due), 'courriel dû', 'courriels dus')} ; rien n'a été envoyé (--dry-run)."
        )

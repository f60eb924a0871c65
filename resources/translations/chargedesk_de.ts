<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name>About</name>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>&amp;About ChargeDesk…</source>
            <translation>Ü&amp;ber ChargeDesk…</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
    </context>
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>About ChargeDesk</source>
            <translation>Über ChargeDesk</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>ChargeDesk {version}</source>
            <translation>ChargeDesk {version}</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Component</source>
            <translation>Komponente</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Components and their licences:</source>
            <translation>Komponenten und ihre Lizenzen:</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Copy version details</source>
            <translation>Versionsangaben kopieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Database:</source>
            <translation>Datenbank:</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>For a support request: the lines of --version</source>
            <translation>Für eine Support-Anfrage: die Zeilen von --version</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Licence</source>
            <translation>Lizenz</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Log folder:</source>
            <translation>Protokollordner:</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>OCPP:</source>
            <translation>OCPP:</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Operations console and OCPP central system</source>
            <translation>Betriebskonsole und OCPP-Zentralsystem</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>PySide6:</source>
            <translation>PySide6:</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Python:</source>
            <translation>Python:</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Qt:</source>
            <translation>Qt:</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Show licence texts…</source>
            <translation>Lizenztexte anzeigen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>not installed</source>
            <translation>nicht installiert</translation>
        </message>
    </context>
    <context>
        <name>AddAccountDialog</name>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Add a staff account</source>
            <translation>Benutzerkonto hinzufügen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Give the person's name and a username.</source>
            <translation>Geben Sie den Namen der Person und einen Benutzernamen an.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Password again</source>
            <translation>Passwort wiederholen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Roles</source>
            <translation>Rollen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Username</source>
            <translation>Benutzername</translation>
        </message>
    </context>
    <context>
        <name>AdminView</name>
        <message>
            <location filename="../../console/ui/staff/admin_view.py" />
            <source>API tokens</source>
            <translation>API-Tokens</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/admin_view.py" />
            <source>Audit log</source>
            <translation>Änderungsprotokoll</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/admin_view.py" />
            <source>Backups</source>
            <translation>Sicherungen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/admin_view.py" />
            <source>Staff accounts</source>
            <translation>Benutzerkonten</translation>
        </message>
    </context>
    <context>
        <name>Alarm</name>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source> (vendor code %1)</source>
            <translation> (Herstellercode %1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>%1 has been offline since %2.</source>
            <translation>%1 ist seit %2 offline.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>%1 is faulted: %2.</source>
            <translation>%1 ist gestört: %2.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>%1 is locked until %2 after %3 wrong passwords from %4.</source>
            <translation>%1 ist nach %3 falschen Passwörtern von %4 bis %2 gesperrt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>%1 is locked until %2 after %3 wrong passwords.</source>
            <translation>%1 ist nach %3 falschen Passwörtern bis %2 gesperrt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>%1 rebooted %2 times within %3 minutes.</source>
            <translation>%1 hat innerhalb von %3 Minuten %2-mal neu gestartet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>%1 reported a security event: %2 at %3.</source>
            <translation>%1 hat um %3 ein Sicherheitsereignis gemeldet: %2.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>%1 reported a security event: %2.</source>
            <translation>%1 hat ein Sicherheitsereignis gemeldet: %2.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>%1 was faulted: %2.</source>
            <translation>%1 war gestört: %2.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>%1 was offline from %2 until %3.</source>
            <translation>%1 war von %2 bis %3 offline.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>Address %1 is locked until %2 after %3 wrong passwords (last as %4).</source>
            <translation>Adresse %1 ist nach %3 falschen Passwörtern bis %2 gesperrt (zuletzt als %4).</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>Backup</source>
            <translation>Sicherung</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>Connector %1 of %2 is faulted: %3.</source>
            <translation>Ladepunkt %1 von %2 ist gestört: %3.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>Connector %1 of %2 was faulted: %3.</source>
            <translation>Ladepunkt %1 von %2 war gestört: %3.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>Disk space</source>
            <translation>Speicherplatz</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>Fault</source>
            <translation>Störung</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>Locked out</source>
            <translation>Ausgesperrt</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>Offline</source>
            <translation>Offline</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>Only %1 MB free on the database's disk (threshold %2 MB): message log and notices are not kept.</source>
            <translation>Nur noch %1 MB frei auf dem Datenträger der Datenbank (Schwelle %2 MB): Nachrichtenprotokoll und Meldungen werden nicht aufbewahrt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>Reboots</source>
            <translation>Neustarts</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>Security</source>
            <translation>Sicherheit</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>The backup of the database at %1 to %2 failed.</source>
            <translation>Die Sicherung der Datenbank um %1 nach %2 ist fehlgeschlagen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>The backup of the database at %1 to %2 failed: %3.</source>
            <translation>Die Sicherung der Datenbank um %1 nach %2 ist fehlgeschlagen: %3.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>The database could not grow: message log and notices are not kept.</source>
            <translation>Die Datenbank konnte nicht wachsen: Nachrichtenprotokoll und Meldungen werden nicht aufbewahrt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>○ cleared</source>
            <translation>○ behoben</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/words.py" />
            <source>● open</source>
            <translation>● offen</translation>
        </message>
    </context>
    <context>
        <name>AlarmBanner</name>
        <message numerus="yes">
            <location filename="../../console/ui/alarms/banner.py" />
            <source>%n unacknowledged alarm(s)</source>
            <translation>
                <numerusform>%n unbestätigter Alarm</numerusform>
                <numerusform>%n unbestätigte Alarme</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/banner.py" />
            <source>Acknowledge</source>
            <translation>Bestätigen</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/banner.py" />
            <source>Mark this alarm as seen</source>
            <translation>Diesen Alarm als gesehen markieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/banner.py" />
            <source>Open the alarm list</source>
            <translation>Alarmliste öffnen</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/banner.py" />
            <source>Show</source>
            <translation>Anzeigen</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/banner.py" />
            <source>⚠ Not acknowledged: %1</source>
            <translation>⚠ Nicht bestätigt: %1</translation>
        </message>
    </context>
    <context>
        <name>AlarmNotifier</name>
        <message>
            <location filename="../../console/ui/alarms/notifier.py" />
            <source>Alarm: %1 at %2</source>
            <translation>Alarm: %1 an %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/notifier.py" />
            <source>ChargeDesk alarms</source>
            <translation>ChargeDesk-Alarme</translation>
        </message>
    </context>
    <context>
        <name>AlarmTableModel</name>
        <message>
            <location filename="../../console/ui/alarms/model.py" />
            <source>(database)</source>
            <translation>(Datenbank)</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/model.py" />
            <source>Acknowledged</source>
            <translation>Bestätigt</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/model.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/model.py" />
            <source>Connector</source>
            <translation>Ladepunkt</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/model.py" />
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/model.py" />
            <source>Message</source>
            <translation>Meldung</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/model.py" />
            <source>Raised</source>
            <translation>Ausgelöst</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/model.py" />
            <source>State</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/model.py" />
            <source>not yet</source>
            <translation>noch nicht</translation>
        </message>
    </context>
    <context>
        <name>AlarmsPage</name>
        <message>
            <location filename="../../console/ui/alarms/page.py" />
            <source>A printable report of the selected charger</source>
            <translation>Ein druckbarer Bericht über die ausgewählte Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/page.py" />
            <source>Acknowledge</source>
            <translation>Bestätigen</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/page.py" />
            <source>Acknowledge all</source>
            <translation>Alle bestätigen</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/page.py" />
            <source>Beep on new alarms</source>
            <translation>Signalton bei neuen Alarmen</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/page.py" />
            <source>Hide alarms that are cleared and acknowledged</source>
            <translation>Alarme ausblenden, die behoben und bestätigt sind</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/page.py" />
            <source>Open only</source>
            <translation>Nur offene</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/page.py" />
            <source>Service report…</source>
            <translation>Servicebericht…</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/page.py" />
            <source>⚠ Alarms could not be acknowledged: %1</source>
            <translation>⚠ Alarme konnten nicht bestätigt werden: %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/alarms/page.py" />
            <source>✔ %n alarm(s) acknowledged</source>
            <translation>
                <numerusform>✔ %n Alarm bestätigt</numerusform>
                <numerusform>✔ %n Alarme bestätigt</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ApiTokensModel</name>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>%1 by %2</source>
            <translation>%1 von %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>%1 from %2</source>
            <translation>%1 von %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Created (%1)</source>
            <translation>Erstellt (%1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Expires (%1)</source>
            <translation>Läuft ab (%1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Last used (%1)</source>
            <translation>Zuletzt benutzt (%1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Prefix</source>
            <translation>Präfix</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Revoked %1 by %2</source>
            <translation>Am %1 von %2 widerrufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Roles</source>
            <translation>Rollen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>State</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>The first characters of the secret, to recognise it</source>
            <translation>Die ersten Zeichen des Geheimnisses, zum Wiedererkennen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>active</source>
            <translation>aktiv</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>expired</source>
            <translation>abgelaufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>never</source>
            <translation>nie</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>revoked</source>
            <translation>widerrufen</translation>
        </message>
    </context>
    <context>
        <name>ApiTokensPage</name>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>API token “%1” made.</source>
            <translation>API-Token „%1“ erstellt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>API token “%1” revoked.</source>
            <translation>API-Token „%1“ widerrufen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>API tokens not read: %1</source>
            <translation>API-Tokens konnten nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>ChargeDesk did not answer in time.</source>
            <translation>ChargeDesk hat nicht rechtzeitig geantwortet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>New token…</source>
            <translation>Neues Token…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Only an admin can make or revoke tokens.</source>
            <translation>Nur ein Administrator kann Tokens erstellen oder widerrufen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Revoke</source>
            <translation>Widerrufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Revoke API token</source>
            <translation>API-Token widerrufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Revoke the API token “%1” (%2…)?

Scripts using it are refused from their next call. This cannot be undone: a script that still needs access gets a new token.</source>
            <translation>Das API-Token „%1“ (%2…) widerrufen?

Skripte, die es nutzen, werden ab ihrem nächsten Aufruf abgewiesen. Dies kann nicht rückgängig gemacht werden: Ein Skript, das weiterhin Zugriff braucht, erhält ein neues Token.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Revoke…</source>
            <translation>Widerrufen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>Scripts call ChargeDesk's API with a token instead of a login, sent as “Authorization: Bearer &lt;token&gt;”. A token may do what its roles allow, and everything it does is in the audit log under its name. Revoke a token as soon as its script no longer needs it.</source>
            <translation>Skripte rufen die API von ChargeDesk mit einem Token statt mit einer Anmeldung auf, gesendet als „Authorization: Bearer &lt;token&gt;“. Ein Token darf, was seine Rollen erlauben, und alles, was es tut, steht unter seinem Namen im Änderungsprotokoll. Widerrufen Sie ein Token, sobald sein Skript es nicht mehr braucht.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>The API answers at %1; its operations, and a page to try them, at %2docs</source>
            <translation>Die API antwortet unter %1; ihre Operationen und eine Seite zum Ausprobieren unter %2docs</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_tokens.py" />
            <source>The API is off (started with --no-api, or without wss://).</source>
            <translation>Die API ist aus (gestartet mit --no-api oder ohne wss://).</translation>
        </message>
    </context>
    <context>
        <name>ApprovalPanel</name>
        <message>
            <location filename="../../console/ui/overview/approvals.py" />
            <source>Accept</source>
            <translation>Annehmen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/approvals.py" />
            <source>Let %1 charge on this site</source>
            <translation>%1 an diesem Standort laden lassen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/approvals.py" />
            <source>Refuse %1 from now on</source>
            <translation>%1 ab sofort abweisen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/approvals.py" />
            <source>Reject</source>
            <translation>Ablehnen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/approvals.py" />
            <source>◷ %1 is waiting for approval</source>
            <translation>◷ %1 wartet auf Freigabe</translation>
        </message>
    </context>
    <context>
        <name>AuditEntriesModel</name>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Action</source>
            <translation>Aktion</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Change (before → after)</source>
            <translation>Änderung (vorher → nachher)</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>From</source>
            <translation>Von</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Person</source>
            <translation>Person</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Target</source>
            <translation>Ziel</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>before: %1
after: %2</source>
            <translation>vorher: %1
nachher: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>entry %1</source>
            <translation>Eintrag %1</translation>
        </message>
    </context>
    <context>
        <name>AuditLog</name>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>%1 entries, broken: %2</source>
            <translation>%1 Einträge, unterbrochen: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>%1 entries, intact</source>
            <translation>%1 Einträge, unversehrt</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>and %1 more</source>
            <translation>und %1 weitere</translation>
        </message>
    </context>
    <context>
        <name>AuditLogPage</name>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>%1 entries written to %2</source>
            <translation>%1 Einträge in %2 geschrieben</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>Action</source>
            <translation>Aktion</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>Check the chain</source>
            <translation>Kette prüfen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>Export the audit log</source>
            <translation>Änderungsprotokoll exportieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>Exporting the audit log…</source>
            <translation>Änderungsprotokoll wird exportiert…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>Export…</source>
            <translation>Exportieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>From</source>
            <translation>Von</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>JSON lines (*.jsonl)</source>
            <translation>JSON Lines (*.jsonl)</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>Older ▶</source>
            <translation>Ältere ▶</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>Person</source>
            <translation>Person</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>Show</source>
            <translation>Anzeigen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>The audit log is for admins.</source>
            <translation>Das Änderungsprotokoll ist Administratoren vorbehalten.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>The audit log was changed after it was written: %1</source>
            <translation>Das Änderungsprotokoll wurde nach dem Schreiben verändert: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>The audit log was not exported: %1. Choose another folder and try again.</source>
            <translation>Das Änderungsprotokoll konnte nicht exportiert werden: %1. Wählen Sie einen anderen Ordner und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>The audit log was not read: %1</source>
            <translation>Das Änderungsprotokoll konnte nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>The chain was not checked: %1</source>
            <translation>Die Kette konnte nicht geprüft werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>Verify that no entry was changed or deleted after it was written</source>
            <translation>Prüfen, dass kein Eintrag nach dem Schreiben geändert oder gelöscht wurde</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>anyone</source>
            <translation>alle</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>checking…</source>
            <translation>wird geprüft…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>e.g. card. or staff.login</source>
            <translation>z. B. card. oder staff.login</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>entries %1 to %2</source>
            <translation>Einträge %1 bis %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>find on this page</source>
            <translation>auf dieser Seite suchen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>no entries</source>
            <translation>keine Einträge</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>to</source>
            <translation>bis</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/audit_page.py" />
            <source>◀ Newer</source>
            <translation>◀ Neuere</translation>
        </message>
    </context>
    <context>
        <name>BackupsPage</name>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>%1 (%2): %3, %4.</source>
            <translation>%1 (%2): %3, %4.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>%1 (%2): FAILED: %3. The copy was to be %4.</source>
            <translation>%1 (%2): FEHLGESCHLAGEN: %3. Die Kopie sollte %4 werden.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Back up now</source>
            <translation>Jetzt sichern</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Backed up to %1 (%2).</source>
            <translation>Gesichert nach %1 (%2).</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Backing up the database…</source>
            <translation>Die Datenbank wird gesichert…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Backup settings not read: %1</source>
            <translation>Sicherungseinstellungen nicht gelesen: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Backup settings saved.</source>
            <translation>Sicherungseinstellungen gespeichert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>ChargeDesk did not answer in time.</source>
            <translation>ChargeDesk hat nicht rechtzeitig geantwortet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Choose…</source>
            <translation>Auswählen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Copies kept</source>
            <translation>Aufbewahrte Kopien</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Daily backup</source>
            <translation>Tägliche Sicherung</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Folder</source>
            <translation>Ordner</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Folder for the daily backup</source>
            <translation>Ordner für die tägliche Sicherung</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Last backup</source>
            <translation>Letzte Sicherung</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Needs the technician or admin role: ask an admin</source>
            <translation>Erfordert die Rolle Technik oder Administrator: Fragen Sie einen Administrator</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>No backup has been made yet.</source>
            <translation>Es wurde noch keine Sicherung erstellt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Restore</source>
            <translation>Wiederherstellen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Settings not saved: %1</source>
            <translation>Einstellungen nicht gespeichert: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>The backup failed: %1</source>
            <translation>Die Sicherung ist fehlgeschlagen: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>Time of day (site time)</source>
            <translation>Uhrzeit (Standortzeit)</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>To put a copy back, close ChargeDesk (and stop its service), then run `chargedesk restore FILE` as the account that owns the database. The database it replaces is kept beside it.</source>
            <translation>Um eine Kopie zurückzuspielen, schließen Sie ChargeDesk (und beenden Sie seinen Dienst) und führen Sie dann `chargedesk restore FILE` mit dem Konto aus, dem die Datenbank gehört. Die ersetzte Datenbank wird daneben aufbewahrt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>a “backups” folder beside the database</source>
            <translation>ein Ordner „backups“ neben der Datenbank</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>automatic</source>
            <translation>automatisch</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/backups_page.py" />
            <source>by hand</source>
            <translation>von Hand</translation>
        </message>
    </context>
    <context>
        <name>BaselineResultsModel</name>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Key</source>
            <translation>Schlüssel</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Outcome</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Value</source>
            <translation>Wert</translation>
        </message>
    </context>
    <context>
        <name>BillingView</name>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source> (retired)</source>
            <translation> (außer Betrieb)</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source> added</source>
            <translation> zzgl.</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source> after %1 min</source>
            <translation> nach %1 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source> after %1 plugged in without charging</source>
            <translation> nach %1 angesteckt ohne Laden</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source> incl.</source>
            <translation> inkl.</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>%1 billed, %2 open</source>
            <translation>%1 abgerechnet, %2 offen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>%1 is needed</source>
            <translation>%1 ist erforderlich</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>%1 is not a time like 07:30</source>
            <translation>%1 ist keine Uhrzeit wie 07:30</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>%1 must be 0 or more</source>
            <translation>%1 muss 0 oder mehr sein</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_fields.py" />
            <source>%1 must be whole cents, like 1.50</source>
            <translation>%1 muss in ganzen Cent angegeben sein, z. B. 1,50</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>%1 receipt(s) shown</source>
            <translation>Angezeigte Belege: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/live_cost.py" />
            <source>%1 so far</source>
            <translation>%1 bisher</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>%1: %2 is not a number</source>
            <translation>%1: %2 ist keine Zahl</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/site_dialog.py" />
            <source>&amp;Address:</source>
            <translation>&amp;Adresse:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>&amp;Amount (%1):</source>
            <translation>&amp;Betrag (%1):</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>&amp;E-mail:</source>
            <translation>&amp;E-Mail:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>&amp;Energy per kWh:</source>
            <translation>&amp;Energie pro kWh:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>&amp;Idle fee per hour:</source>
            <translation>Standgebühr &amp;pro Stunde:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>&amp;Method:</source>
            <translation>&amp;Methode:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/site_dialog.py" />
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>&amp;Note:</source>
            <translation>&amp;Notiz:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>&amp;Reason:</source>
            <translation>&amp;Grund:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>&amp;Reference:</source>
            <translation>&amp;Referenz:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>&amp;Session fee:</source>
            <translation>Gebühr pro Lade&amp;vorgang:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/site_dialog.py" />
            <source>&amp;Tax number:</source>
            <translation>&amp;Steuernummer:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>&amp;Timezone:</source>
            <translation>&amp;Zeitzone:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>&amp;Unpaid only</source>
            <translation>Nur &amp;unbezahlte</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>&amp;Year:</source>
            <translation>&amp;Jahr:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>&lt;b&gt;No tariff applies to visitors:&lt;/b&gt; the session will not be billed. Set a visitor or default tariff on the Billing tab first.</source>
            <translation>&lt;b&gt;Für Besucher gilt kein Tarif:&lt;/b&gt; Der Ladevorgang wird nicht abgerechnet. Legen Sie zuerst auf der Registerkarte Abrechnung einen Besucher- oder Standardtarif fest.</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>&lt;b&gt;Price (%1):&lt;/b&gt; %2 (%3).</source>
            <translation>&lt;b&gt;Preis (%1):&lt;/b&gt; %2 (%3).</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>A name for the window, e.g. Peak</source>
            <translation>Ein Name für das Zeitfenster, z. B. Hauptzeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>A receipt is never changed once issued. Voiding keeps it, marked void, and a new receipt with the next number replaces it.</source>
            <translation>Ein ausgestellter Beleg wird nie geändert. Beim Stornieren bleibt er als storniert erhalten, und ein neuer Beleg mit der nächsten Nummer ersetzt ihn.</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <location filename="../../console/ui/billing/tariff_fields.py" />
            <source>A tariff needs a name</source>
            <translation>Ein Tarif braucht einen Namen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>A window needs a name</source>
            <translation>Ein Zeitfenster braucht einen Namen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Add tariff</source>
            <translation>Tarif hinzufügen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>Add tariff…</source>
            <translation>Tarif hinzufügen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Add window</source>
            <translation>Zeitfenster hinzufügen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>Address:</source>
            <translation>Adresse:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>All years</source>
            <translation>Alle Jahre</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Amount</source>
            <translation>Betrag</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Amount received, in %1</source>
            <translation>Erhaltener Betrag in %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Applies to</source>
            <translation>Gilt für</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>Billing could not be read: %1</source>
            <translation>Die Abrechnung konnte nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>C&amp;urrency:</source>
            <translation>&amp;Währung:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>Cancel the receipt (it is kept) and issue a correction</source>
            <translation>Den Beleg stornieren (er bleibt erhalten) und eine Korrektur ausstellen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Card &amp;groups:</source>
            <translation>Karten&amp;gruppen:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Card groups (parent idTags)</source>
            <translation>Kartengruppen (übergeordnete idTags)</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Card terminal</source>
            <translation>Kartenterminal</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Cash</source>
            <translation>Bargeld</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>Cash, card terminal, or invoice to a department</source>
            <translation>Bargeld, Kartenterminal oder Rechnung an eine Abteilung</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Charged once per session</source>
            <translation>Einmal pro Ladevorgang berechnet</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <location filename="../../console/ui/billing/receipts_model.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source>Charging</source>
            <translation>Ladezeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Charging per &amp;hour:</source>
            <translation>Laden pro &amp;Stunde:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Charging price</source>
            <translation>Ladezeitpreis</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/live_cost.py" />
            <location filename="../../console/ui/billing/words.py" />
            <source>Charging time</source>
            <translation>Ladezeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipts_model.py" />
            <source>Corrects receipt %1</source>
            <translation>Korrigiert Beleg %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_fields.py" />
            <source>Currency must be a three-letter code like EUR</source>
            <translation>Die Währung muss ein Code aus drei Buchstaben sein, z. B. EUR</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <location filename="../../console/ui/billing/receipts_model.py" />
            <source>Customer</source>
            <translation>Kunde</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Department / cost &amp;centre:</source>
            <translation>Abteilung / &amp;Kostenstelle:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>Edit site details…</source>
            <translation>Standortangaben bearbeiten…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Edit tariff</source>
            <translation>Tarif bearbeiten</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>Edit…</source>
            <translation>Bearbeiten…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>End</source>
            <translation>Ende</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/live_cost.py" />
            <location filename="../../console/ui/billing/receipt_files.py" />
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <location filename="../../console/ui/billing/words.py" />
            <source>Energy</source>
            <translation>Energie</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipts_model.py" />
            <source>Energy (kWh)</source>
            <translation>Energie (kWh)</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Energy price</source>
            <translation>Energiepreis</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Enter the department or cost centre to invoice</source>
            <translation>Geben Sie die Abteilung oder Kostenstelle für die Rechnung ein</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Enter the terminal's reference</source>
            <translation>Geben Sie die Referenz des Terminals ein</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>Example: about &lt;b&gt;%1&lt;/b&gt; for %2 kWh (about %3 at %4 kW).</source>
            <translation>Beispiel: etwa &lt;b&gt;%1&lt;/b&gt; für %2 kWh (etwa %3 bei %4 kW).</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>Example: about &lt;b&gt;%1&lt;/b&gt; for %2 kWh.</source>
            <translation>Beispiel: etwa &lt;b&gt;%1&lt;/b&gt; für %2 kWh.</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source>Fee</source>
            <translation>Gebühr</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>Filter number, customer, charger, reference…</source>
            <translation>Nummer, Kunde, Ladestation, Referenz filtern…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Fri</source>
            <translation>Fr</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_fields.py" />
            <source>Group %1 is longer than 20 characters</source>
            <translation>Gruppe %1 ist länger als 20 Zeichen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>ISO 4217 code</source>
            <translation>ISO-4217-Code</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Idle &amp;grace period:</source>
            <translation>Kosten&amp;lose Standzeit:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/live_cost.py" />
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source>Idle fee</source>
            <translation>Standgebühr</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Idle time</source>
            <translation>Standzeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Idle time that is free after charging ends</source>
            <translation>Standzeit nach Ladeende, die kostenlos ist</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>In use by %1: choose another tariff for them first</source>
            <translation>Verwendet von %1: Wählen Sie für diese zuerst einen anderen Tarif</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Invoice to department / cost centre</source>
            <translation>Rechnung an Abteilung / Kostenstelle</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Issue a corrected receipt now</source>
            <translation>Jetzt einen korrigierten Beleg ausstellen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/session_bar.py" />
            <source>Issue receipt…</source>
            <translation>Beleg ausstellen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/session_bar.py" />
            <source>Issue the receipt of the selected finished session</source>
            <translation>Den Beleg des ausgewählten abgeschlossenen Ladevorgangs ausstellen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <location filename="../../console/ui/billing/receipts_model.py" />
            <source>Issued</source>
            <translation>Ausgestellt</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Issuing the receipt of session %1…</source>
            <translation>Beleg für Ladevorgang %1 wird ausgestellt…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Local time it ends; before the start: the next day</source>
            <translation>Ortszeit, zu der es endet; vor dem Beginn: am nächsten Tag</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Local time the window starts, e.g. 07:00</source>
            <translation>Ortszeit, zu der das Zeitfenster beginnt, z. B. 07:00</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Ma&amp;ximum per session:</source>
            <translation>Ma&amp;ximum pro Ladevorgang:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/live_cost.py" />
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Maximum</source>
            <translation>Maximum</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Maximum charge</source>
            <translation>Höchstbetrag</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Mi&amp;nimum per session:</source>
            <translation>Mi&amp;nimum pro Ladevorgang:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source>Min / max</source>
            <translation>Min. / max.</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/live_cost.py" />
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Minimum</source>
            <translation>Minimum</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Minimum charge</source>
            <translation>Mindestbetrag</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Mon</source>
            <translation>Mo</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>Name:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <source>Net</source>
            <translation>Netto</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Night</source>
            <translation>Nacht</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>No receipt for session %1</source>
            <translation>Kein Beleg für Ladevorgang %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/live_cost.py" />
            <source>No tariff applies to this session</source>
            <translation>Für diesen Ladevorgang gilt kein Tarif</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Not saved: %1</source>
            <translation>Nicht gespeichert: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>Now the %1 prices apply (%2 %3).</source>
            <translation>Jetzt gelten die Preise für %1 (%2 %3).</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipts_model.py" />
            <source>Number</source>
            <translation>Nummer</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Off-peak</source>
            <translation>Nebenzeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>Open PDF</source>
            <translation>PDF öffnen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>Open the receipt in the PDF viewer</source>
            <translation>Den Beleg im PDF-Betrachter öffnen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>Other prices apply at some hours (see the tariff).</source>
            <translation>Zu manchen Uhrzeiten gelten andere Preise (siehe Tarif).</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>P&amp;hone:</source>
            <translation>Tele&amp;fon:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipts_model.py" />
            <location filename="../../console/ui/billing/words.py" />
            <source>Paid</source>
            <translation>Bezahlt</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Payment not recorded on %1</source>
            <translation>Zahlung für %1 nicht erfasst</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Payment of %1 recorded on receipt %2</source>
            <translation>Zahlung über %1 für Beleg %2 erfasst</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Peak</source>
            <translation>Hauptzeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Peak and off-peak: the first window that matches a moment sets its prices.</source>
            <translation>Haupt- und Nebenzeit: Das erste Zeitfenster, das zu einem Zeitpunkt passt, bestimmt dessen Preise.</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Per hour</source>
            <translation>Pro Stunde</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Per kWh</source>
            <translation>Pro kWh</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Preparing receipt %1…</source>
            <translation>Beleg %1 wird vorbereitet…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Price per hour of charging; empty: base price</source>
            <translation>Preis pro Stunde Laden; leer: Grundpreis</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Price per hour the car is charging</source>
            <translation>Preis pro Stunde, in der das Fahrzeug lädt</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Price per hour the car stays plugged in, not charging</source>
            <translation>Preis pro Stunde, in der das Fahrzeug angesteckt bleibt, ohne zu laden</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Price per kWh delivered</source>
            <translation>Preis pro gelieferter kWh</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Price per kWh in the window; empty: base price</source>
            <translation>Preis pro kWh im Zeitfenster; leer: Grundpreis</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Prices include tax</source>
            <translation>Preise enthalten Steuer</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Prices of their own on some days and hours</source>
            <translation>Eigene Preise an bestimmten Tagen und zu bestimmten Uhrzeiten</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <source>Print receipt</source>
            <translation>Beleg drucken</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/site_dialog.py" />
            <source>Printed on every receipt issued from now on; issued ones stay as they are.</source>
            <translation>Wird ab jetzt auf jeden ausgestellten Beleg gedruckt; bereits ausgestellte bleiben unverändert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>Print…</source>
            <translation>Drucken…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>Reading the price…</source>
            <translation>Preis wird gelesen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <source>Receipt</source>
            <translation>Beleg</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <source>Receipt %1</source>
            <translation>Beleg %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Receipt %1 could not be made</source>
            <translation>Beleg %1 konnte nicht erstellt werden</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Receipt %1 could not be opened: %2</source>
            <translation>Beleg %1 konnte nicht geöffnet werden: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Receipt %1 issued: %2</source>
            <translation>Beleg %1 ausgestellt: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Receipt %1 not printed</source>
            <translation>Beleg %1 nicht gedruckt</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Receipt %1 not saved</source>
            <translation>Beleg %1 nicht gespeichert</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Receipt %1 not voided</source>
            <translation>Beleg %1 nicht storniert</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Receipt %1 opened: %2</source>
            <translation>Beleg %1 geöffnet: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Receipt %1 saved as %2</source>
            <translation>Beleg %1 gespeichert als %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Receipt %1 sent to the printer</source>
            <translation>Beleg %1 an den Drucker gesendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Receipt %1 voided</source>
            <translation>Beleg %1 storniert</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Receipt %1 voided; %2 issued in its place</source>
            <translation>Beleg %1 storniert; %2 stattdessen ausgestellt</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Receipt %1 · %2 · total %3 · paid %4</source>
            <translation>Beleg %1 · %2 · Summe %3 · bezahlt %4</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>Receipts are numbered per year</source>
            <translation>Belege werden pro Jahr nummeriert</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Record</source>
            <translation>Erfassen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Record payment</source>
            <translation>Zahlung erfassen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>Record payment…</source>
            <translation>Zahlung erfassen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Remove window</source>
            <translation>Zeitfenster entfernen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>Retire</source>
            <translation>Außer Betrieb nehmen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Sat</source>
            <translation>Sa</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <source>Session</source>
            <translation>Ladevorgang</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/session_bar.py" />
            <source>Session %1: %2 (running)</source>
            <translation>Ladevorgang %1: %2 (laufend)</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/session_bar.py" />
            <source>Session %1: billed %2</source>
            <translation>Ladevorgang %1: %2 abgerechnet</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/session_bar.py" />
            <source>Session %1: not billed (no tariff applies)</source>
            <translation>Ladevorgang %1: nicht abgerechnet (es gilt kein Tarif)</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/session_bar.py" />
            <source>Session %1: reading its cost…</source>
            <translation>Ladevorgang %1: Kosten werden gelesen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/live_cost.py" />
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <location filename="../../console/ui/billing/words.py" />
            <source>Session fee</source>
            <translation>Gebühr pro Ladevorgang</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Shown on receipts</source>
            <translation>Wird auf Belegen angezeigt</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Site default (cards without a group tariff)</source>
            <translation>Standardtarif des Standorts (Karten ohne Gruppentarif)</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/site_dialog.py" />
            <source>Site details</source>
            <translation>Standortangaben</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Site details not saved</source>
            <translation>Standortangaben nicht gespeichert</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>Site details on receipts</source>
            <translation>Standortangaben auf Belegen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Site details saved</source>
            <translation>Standortangaben gespeichert</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Start</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>Start a session on &lt;b&gt;%1&lt;/b&gt;, connector &lt;b&gt;%2&lt;/b&gt;, for a driver without a card. ChargeDesk issues a one-time card and bills the session at the visitor tariff when it ends. Everything below is optional.</source>
            <translation>Einen Ladevorgang an &lt;b&gt;%1&lt;/b&gt;, Ladepunkt &lt;b&gt;%2&lt;/b&gt;, für einen Fahrer ohne Karte starten. ChargeDesk stellt eine Einmalkarte aus und rechnet den Ladevorgang nach dem Ende zum Besuchertarif ab. Alle Angaben unten sind optional.</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>Start for visitor</source>
            <translation>Für Besucher starten</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>Start session</source>
            <translation>Ladevorgang starten</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipts_model.py" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/site_dialog.py" />
            <source>Street and number
Postcode and town</source>
            <translation>Straße und Hausnummer
Postleitzahl und Ort</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Sun</source>
            <translation>So</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>Take a tariff nobody pays any more out of use; bills keep their prices</source>
            <translation>Einen Tarif, den niemand mehr zahlt, außer Betrieb nehmen; Belege behalten ihre Preise</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>Take this tariff out of use; bills keep their prices</source>
            <translation>Diesen Tarif außer Betrieb nehmen; Belege behalten ihre Preise</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source>Tariff</source>
            <translation>Tarif</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/live_cost.py" />
            <source>Tariff %1</source>
            <translation>Tarif %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Tariff %1 not retired</source>
            <translation>Tarif %1 nicht außer Betrieb genommen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Tariff %1 retired</source>
            <translation>Tarif %1 außer Betrieb genommen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>Tariff %1 saved</source>
            <translation>Tarif %1 gespeichert</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>Tariffs</source>
            <translation>Tarife</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source>Tax</source>
            <translation>Steuer</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/live_cost.py" />
            <source>Tax %1</source>
            <translation>Steuer %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Tax &amp;rate (%):</source>
            <translation>Steuers&amp;atz (%):</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <source>Tax number</source>
            <translation>Steuernummer</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>Tax number:</source>
            <translation>Steuernummer:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_fields.py" />
            <source>Tax rate</source>
            <translation>Steuersatz</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Tax rate in percent, e.g. 19 or 7.7</source>
            <translation>Steuersatz in Prozent, z. B. 19 oder 7,7</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_fields.py" />
            <source>Tax rate must be between 0 and 100 %</source>
            <translation>Der Steuersatz muss zwischen 0 und 100 % liegen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Terminal &amp;reference:</source>
            <translation>&amp;Referenz des Terminals:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>The action failed: %1</source>
            <translation>Die Aktion ist fehlgeschlagen: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>The amount must be more than 0</source>
            <translation>Der Betrag muss größer als 0 sein</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>The amount must be whole cents</source>
            <translation>Der Betrag muss in ganzen Cent angegeben sein</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>The e-mail address looks incomplete</source>
            <translation>Die E-Mail-Adresse scheint unvollständig zu sein</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>The least a session costs (not if no energy)</source>
            <translation>Der Mindestpreis eines Ladevorgangs (nicht ohne Energie)</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_fields.py" />
            <source>The maximum is below the minimum</source>
            <translation>Das Maximum liegt unter dem Minimum</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>The most a session costs</source>
            <translation>Der Höchstpreis eines Ladevorgangs</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>The price could not be read: %1</source>
            <translation>Der Preis konnte nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <source>The printer could not be started</source>
            <translation>Der Drucker konnte nicht gestartet werden</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>The site's zone: time windows are read in it</source>
            <translation>Die Zeitzone des Standorts: Zeitfenster werden in ihr gelesen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>The window starts on this day</source>
            <translation>Das Zeitfenster beginnt an diesem Tag</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Thu</source>
            <translation>Do</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Ticked: the prices are gross and tax is worked out of them</source>
            <translation>Angehakt: Die Preise sind brutto, und die Steuer wird aus ihnen herausgerechnet</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Time price</source>
            <translation>Zeitpreis</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Time windows</source>
            <translation>Zeitfenster</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_files.py" />
            <location filename="../../console/ui/billing/receipts_model.py" />
            <source>Total</source>
            <translation>Summe</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Tue</source>
            <translation>Di</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_fields.py" />
            <source>Two windows have the same name</source>
            <translation>Zwei Zeitfenster haben denselben Namen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_fields.py" />
            <source>Unknown timezone %1</source>
            <translation>Unbekannte Zeitzone %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Unpaid</source>
            <translation>Offen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source>Used by</source>
            <translation>Verwendet von</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>Vehicle &amp;plate:</source>
            <translation>&amp;Kennzeichen:</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Visitor tariff (sessions started without a card)</source>
            <translation>Besuchertarif (Ladevorgänge ohne Karte gestartet)</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <location filename="../../console/ui/billing/words.py" />
            <source>Void</source>
            <translation>Stornieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/view.py" />
            <source>Void and reissue…</source>
            <translation>Stornieren und neu ausstellen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Void receipt</source>
            <translation>Beleg stornieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipts_model.py" />
            <source>Voided: %1</source>
            <translation>Storniert: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>Wed</source>
            <translation>Mi</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Weekend</source>
            <translation>Wochenende</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>Why is it voided? (required)</source>
            <translation>Warum wird er storniert? (erforderlich)</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Window</source>
            <translation>Zeitfenster</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>Window %1</source>
            <translation>Zeitfenster %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>Window %1: %2</source>
            <translation>Zeitfenster %1: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source>Windows</source>
            <translation>Zeitfenster</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>a window needs a name</source>
            <translation>ein Zeitfenster braucht einen Namen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>at least %1</source>
            <translation>mindestens %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>at most %1</source>
            <translation>höchstens %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>card terminal</source>
            <translation>Kartenterminal</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>cash</source>
            <translation>bar</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>e.g. B-XY 1234</source>
            <translation>z. B. B-XY 1234</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/site_dialog.py" />
            <source>e.g. DE123456789</source>
            <translation>z. B. DE123456789</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>e.g. Jana Novak</source>
            <translation>z. B. Jana Novak</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>e.g. Radiology CC-4100</source>
            <translation>z. B. Radiologie KST-4100</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>e.g. STAFF, STUDENTS</source>
            <translation>z. B. STAFF, STUDENTS</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/site_dialog.py" />
            <source>e.g. St. Marien Hospital</source>
            <translation>z. B. Krankenhaus St. Marien</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>e.g. Staff</source>
            <translation>z. B. Personal</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>energy price</source>
            <translation>Energiepreis</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>every day</source>
            <translation>jeden Tag</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>for questions about the bill</source>
            <translation>für Fragen zur Rechnung</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>h charging</source>
            <translation>h Laden</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>h idle</source>
            <translation>h Standzeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>incl. tax</source>
            <translation>inkl. Steuer</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/words.py" />
            <source>invoice</source>
            <translation>Rechnung</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <location filename="../../console/ui/billing/words.py" />
            <source>kWh</source>
            <translation>kWh</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipts_model.py" />
            <source>mixed</source>
            <translation>gemischt</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariff_editor.py" />
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>optional</source>
            <translation>optional</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>plus tax</source>
            <translation>zzgl. Steuer</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>row %1</source>
            <translation>Zeile %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>session fee %1</source>
            <translation>Gebühr pro Ladevorgang %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/billing_actions.py" />
            <source>the engine did not answer in time</source>
            <translation>der Dienst hat nicht rechtzeitig geantwortet</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/receipt_dialogs.py" />
            <source>the slip or transaction number</source>
            <translation>die Beleg- oder Transaktionsnummer</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>tick at least one day</source>
            <translation>mindestens einen Tag ankreuzen</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/windows_model.py" />
            <source>time price</source>
            <translation>Zeitpreis</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/visitor_dialog.py" />
            <source>to send the receipt</source>
            <translation>zum Senden des Belegs</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source>visitors</source>
            <translation>Besucher</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_model.py" />
            <source>★ site default</source>
            <translation>★ Standardtarif des Standorts</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>⚠ No site default: cards without a group tariff are not billed.</source>
            <translation>⚠ Kein Standardtarif des Standorts: Karten ohne Gruppentarif werden nicht abgerechnet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>⚠ No visitor tariff: visitors' sessions are not billed.</source>
            <translation>⚠ Kein Besuchertarif: Ladevorgänge von Besuchern werden nicht abgerechnet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/billing/tariffs_panel.py" />
            <source>⚠ not set</source>
            <translation>⚠ nicht festgelegt</translation>
        </message>
    </context>
    <context>
        <name>BlockReasonDialog</name>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source> (%1)</source>
            <translation> (%1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>&amp;Details:</source>
            <translation>&amp;Details:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>&amp;Lost</source>
            <translation>&amp;Verloren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>&amp;Other reason</source>
            <translation>&amp;Anderer Grund</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>&amp;Stolen</source>
            <translation>&amp;Gestohlen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>Block</source>
            <translation>Sperren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>Block card %1</source>
            <translation>Karte %1 sperren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>Block card %1%2? Chargers refuse it from now on. Why is it blocked?</source>
            <translation>Karte %1%2 sperren? Ladestationen lehnen sie ab sofort ab. Warum wird sie gesperrt?</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>Choose why the card is blocked</source>
            <translation>Wählen Sie, warum die Karte gesperrt wird</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>Left the &amp;company</source>
            <translation>Hat das &amp;Unternehmen verlassen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>Say what the other reason is</source>
            <translation>Geben Sie den anderen Grund an</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>optional</source>
            <translation>optional</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/block_dialog.py" />
            <source>required: what happened</source>
            <translation>erforderlich: was ist passiert</translation>
        </message>
    </context>
    <context>
        <name>CardActions</name>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>%1

Unblock card %2? Chargers accept it again.</source>
            <translation>%1

Karte %2 entsperren? Ladestationen nehmen sie wieder an.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>%1 added.</source>
            <translation>%1 hinzugefügt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>%1 is no longer registered.</source>
            <translation>%1 ist nicht mehr registriert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>%1 saved.</source>
            <translation>%1 gespeichert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Card %1</source>
            <translation>Karte %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Card %1 could not be changed: %2</source>
            <translation>Karte %1 konnte nicht geändert werden: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Card %1 is active again.</source>
            <translation>Karte %1 ist wieder aktiv.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Card %1 is blocked (%2): chargers refuse it.</source>
            <translation>Karte %1 ist gesperrt (%2): Ladestationen lehnen sie ab.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Card %1 is retired; its history stays.</source>
            <translation>Karte %1 ist außer Betrieb genommen; ihr Verlauf bleibt erhalten.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Card %1 registered.</source>
            <translation>Karte %1 registriert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Card %1 saved.</source>
            <translation>Karte %1 gespeichert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>It had been blocked: %1.</source>
            <translation>Sie war gesperrt: %1.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Reading the history of %1…</source>
            <translation>Verlauf von %1 wird gelesen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Retire</source>
            <translation>Außer Betrieb nehmen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Retire card</source>
            <translation>Karte außer Betrieb nehmen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Retire card %1? It will no longer be accepted at any charger and is hidden from the list. Its sessions and history stay.</source>
            <translation>Karte %1 außer Betrieb nehmen? Sie wird an keiner Ladestation mehr angenommen und in der Liste ausgeblendet. Ihre Ladevorgänge und ihr Verlauf bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Saving card %1…</source>
            <translation>Karte %1 wird gespeichert…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>The action failed: %1</source>
            <translation>Die Aktion ist fehlgeschlagen: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>The history could not be read: %1</source>
            <translation>Der Verlauf konnte nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Unblock</source>
            <translation>Entsperren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/card_actions.py" />
            <source>Unblock card</source>
            <translation>Karte entsperren</translation>
        </message>
    </context>
    <context>
        <name>CardEditorDialog</name>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>&amp;Group:</source>
            <translation>&amp;Gruppe:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>&amp;Note:</source>
            <translation>&amp;Notiz:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>&amp;Owner:</source>
            <translation>&amp;Besitzer:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>&amp;Status:</source>
            <translation>&amp;Status:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Block &amp;reason:</source>
            <translation>Sperrgrun&amp;d:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Card &amp;id:</source>
            <translation>Karten-&amp;ID:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Choose why the card is blocked</source>
            <translation>Wählen Sie, warum die Karte gesperrt wird</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Edit card %1</source>
            <translation>Karte %1 bearbeiten</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Edit that card</source>
            <translation>Diese Karte bearbeiten</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Leave unticked for a card that does not expire</source>
            <translation>Nicht ankreuzen für eine Karte, die nicht abläuft</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>New person…</source>
            <translation>Neue Person…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Register</source>
            <translation>Registrieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Register card</source>
            <translation>Karte registrieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Say what the other reason for blocking is</source>
            <translation>Geben Sie an, was der andere Grund für die Sperre ist</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Sessions &amp;at once:</source>
            <translation>Gleich&amp;zeitige Ladevorgänge:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Sessions the card may run at once; 0: no limit</source>
            <translation>Ladevorgänge, die die Karte gleichzeitig führen darf; 0: unbegrenzt</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>The card could not be saved: %1</source>
            <translation>Die Karte konnte nicht gespeichert werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Type, read with the desk reader, or tap below</source>
            <translation>Eintippen, mit dem Kartenleser am Empfang lesen oder unten vorhalten</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>Valid:</source>
            <translation>Gültig:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>details (required for Other reason)</source>
            <translation>Details (erforderlich bei Anderer Grund)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>e.g. STAFF, VISITOR, FLEET (optional)</source>
            <translation>z. B. STAFF, VISITOR, FLEET (optional)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>e.g. spare card, pool car AB-123</source>
            <translation>z. B. Ersatzkarte, Poolfahrzeug AB-123</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>no limit</source>
            <translation>unbegrenzt</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>until</source>
            <translation>bis</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>— choose why —</source>
            <translation>— Grund wählen —</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>— nobody —</source>
            <translation>— niemand —</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/editor.py" />
            <source>⚠ Card %1 is already registered.</source>
            <translation>⚠ Karte %1 ist bereits registriert.</translation>
        </message>
    </context>
    <context>
        <name>CardFiles</name>
        <message numerus="yes">
            <location filename="../../console/ui/cards/files.py" />
            <source>%n card(s) exported to </source>
            <translation>
                <numerusform>%n Karte exportiert nach </numerusform>
                <numerusform>%n Karten exportiert nach </numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/files.py" />
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/files.py" />
            <source>Card files are not available in this build</source>
            <translation>Kartendateien sind in dieser Version nicht verfügbar</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/files.py" />
            <source>Export cards</source>
            <translation>Karten exportieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/files.py" />
            <source>Exporting cards…</source>
            <translation>Karten werden exportiert…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/files.py" />
            <source>Preview, then import cards and people from CSV</source>
            <translation>Vorschau anzeigen, dann Karten und Personen aus CSV importieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/files.py" />
            <source>The cards could not be written to %1: %2</source>
            <translation>Die Karten konnten nicht nach %1 geschrieben werden: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/files.py" />
            <source>Write every card to a CSV file</source>
            <translation>Alle Karten in eine CSV-Datei schreiben</translation>
        </message>
    </context>
    <context>
        <name>CardPicker</name>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>Name or card id, e.g. Hoffmann or 04A2B3C4D5</source>
            <translation>Name oder Karten-ID, z. B. Hoffmann oder 04A2B3C4D5</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>Several people match: pick one from the list</source>
            <translation>Mehrere Personen passen: Wählen Sie eine aus der Liste</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>Start</source>
            <translation>Starten</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>Start session</source>
            <translation>Ladevorgang starten</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>The list shows the cards that may charge now. Type a name or a card id; a card that may not charge is asked about first.</source>
            <translation>Die Liste zeigt die Karten, die jetzt laden dürfen. Geben Sie einen Namen oder eine Karten-ID ein; bei einer Karte, die nicht laden darf, wird zuerst nachgefragt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>it has expired</source>
            <translation>sie ist abgelaufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>it is already charging elsewhere</source>
            <translation>sie lädt bereits an anderer Stelle</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>it is blocked</source>
            <translation>sie ist gesperrt</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>it is not registered: the charger will refuse it unless it knows it</source>
            <translation>sie ist nicht registriert: Die Ladestation weist sie ab, sofern sie sie nicht kennt</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>it is retired or not valid</source>
            <translation>sie ist außer Betrieb oder ungültig</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>⚠ %1 may not charge: %2</source>
            <translation>⚠ %1 darf nicht laden: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>⚠ Card %1 is not registered</source>
            <translation>⚠ Karte %1 ist nicht registriert</translation>
        </message>
        <message>
            <location filename="../../console/ui/card_picker.py" />
            <source>✓ %1</source>
            <translation>✓ %1</translation>
        </message>
    </context>
    <context>
        <name>CardsView</name>
        <message numerus="yes">
            <location filename="../../console/ui/cards/view.py" />
            <source>%n card(s) shown</source>
            <translation>
                <numerusform>%n Karte angezeigt</numerusform>
                <numerusform>%n Karten angezeigt</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Accept the card again</source>
            <translation>Die Karte wieder annehmen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Accepted</source>
            <translation>Angenommen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Active</source>
            <translation>Aktiv</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Active, blocked, expired (past its valid-until date) or retired</source>
            <translation>Aktiv, gesperrt, abgelaufen (Gültigkeitsdatum überschritten) oder außer Betrieb</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>All</source>
            <translation>Alle</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Already charging</source>
            <translation>Lädt bereits</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>At once</source>
            <translation>Gleichz.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Block</source>
            <translation>Sperren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Blocked</source>
            <translation>Gesperrt</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Blocked since %1: %2</source>
            <translation>Gesperrt seit %1: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Blocked: %1</source>
            <translation>Gesperrt: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Blocked: staff blocked this card. Unblock it to allow it.</source>
            <translation>Gesperrt: Das Personal hat diese Karte gesperrt. Entsperren Sie sie, um sie zuzulassen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Card</source>
            <translation>Karte</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Card id (the OCPP idTag), as the reader reports it</source>
            <translation>Karten-ID (das OCPP-idTag), wie der Leser sie meldet</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Cards could not be read: %1</source>
            <translation>Karten konnten nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Change the selected card (Enter or double-click)</source>
            <translation>Die ausgewählte Karte ändern (Eingabetaste oder Doppelklick)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Chargers refuse the card until it is unblocked</source>
            <translation>Ladestationen lehnen die Karte ab, bis sie entsperrt wird</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>ConcurrentTx: the card already runs as many sessions as it may at once.</source>
            <translation>ConcurrentTx: Mit der Karte laufen bereits so viele Ladevorgänge gleichzeitig wie erlaubt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Department</source>
            <translation>Abteilung</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Edit…</source>
            <translation>Bearbeiten…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Expired</source>
            <translation>Abgelaufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Expired: the card's valid-until date has passed. Extend it to allow it.</source>
            <translation>Abgelaufen: Das Gültigkeitsdatum der Karte ist überschritten. Verlängern Sie es, um die Karte zuzulassen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Export CSV…</source>
            <translation>CSV-Export…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Filter cards, owners, groups, notes…  (Ctrl+F)</source>
            <translation>Karten, Personen, Gruppen filtern…  (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Group</source>
            <translation>Gruppe</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>History…</source>
            <translation>Verlauf…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Import CSV…</source>
            <translation>CSV-Import…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>In use (not retired)</source>
            <translation>In Verwendung</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Invalid: no card with this id is registered (or it is retired). Register it to let it charge.</source>
            <translation>Ungültig: Keine Karte mit dieser ID ist registriert (oder sie ist außer Betrieb). Registrieren Sie sie, damit sie laden kann.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Left the company</source>
            <translation>Hat das Unternehmen verlassen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Lost</source>
            <translation>Verloren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Other reason</source>
            <translation>Anderer Grund</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Owner</source>
            <translation>Fahrer</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Register a new card (Ctrl+N)</source>
            <translation>Eine neue Karte registrieren (Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Register card…</source>
            <translation>Karte registrieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Retired</source>
            <translation>Außer Betrieb</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Retire…</source>
            <translation>Stilllegen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>S&amp;how:</source>
            <translation>&amp;Anzeigen:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Sessions charged with the selected card</source>
            <translation>Ladevorgänge mit der ausgewählten Karte</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Sessions the card may run at once</source>
            <translation>Ladevorgänge, die mit der Karte gleichzeitig laufen dürfen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Staff's note</source>
            <translation>Notiz des Personals</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Stolen</source>
            <translation>Gestohlen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Take the card out of use for good; its history stays</source>
            <translation>Die Karte endgültig außer Betrieb nehmen; ihr Verlauf bleibt erhalten</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>The card was accepted.</source>
            <translation>Die Karte wurde angenommen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>The group the card belongs to (its OCPP parent idTag)</source>
            <translation>Die Gruppe, zu der die Karte gehört (ihr OCPP-parentIdTag)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>The last day the card is accepted; empty: no end</source>
            <translation>Der letzte Tag, an dem die Karte angenommen wird; leer: kein Ende</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>The owner's department or cost centre</source>
            <translation>Abteilung oder Kostenstelle des Fahrers</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>The person who owns the card</source>
            <translation>Die Person, der die Karte gehört</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <source>Unblock</source>
            <translation>Entsperren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Unknown card</source>
            <translation>Unbekannte Karte</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>Valid until</source>
            <translation>Gültig bis</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/view.py" />
            <location filename="../../console/ui/cards/words.py" />
            <source>no limit</source>
            <translation>unbegrenzt</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/words.py" />
            <source>no reason recorded</source>
            <translation>kein Grund erfasst</translation>
        </message>
    </context>
    <context>
        <name>CertificateActions</name>
        <message>
            <location filename="../../console/ui/technician/security_actions.py" />
            <source>%1 holds no certificate of the type “%2”.</source>
            <translation>%1 hat kein Zertifikat vom Typ „%2“.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_actions.py" />
            <source>%1 — %2: no answer in time. Is the charger still connected?</source>
            <translation>%1 — %2: keine rechtzeitige Antwort. Ist die Ladestation noch verbunden?</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_actions.py" />
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_actions.py" />
            <source>Delete certificate</source>
            <translation>Zertifikat löschen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_actions.py" />
            <source>Delete this certificate from %1?

If it is the CA the charger uses to trust ChargeDesk, the charger cannot connect over wss:// until the site CA is installed again.</source>
            <translation>Dieses Zertifikat von %1 löschen?

Wenn es die Zertifizierungsstelle ist, über die die Ladestation ChargeDesk vertraut, kann sich die Ladestation erst wieder über wss:// verbinden, wenn die Zertifizierungsstelle des Standorts erneut installiert ist.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_actions.py" />
            <source>Get installed certificates</source>
            <translation>Installierte Zertifikate abrufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_actions.py" />
            <source>Install site CA</source>
            <translation>Zertifizierungsstelle des Standorts installieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_actions.py" />
            <source>Request a charger certificate</source>
            <translation>Zertifikat für die Ladestation anfordern</translation>
        </message>
    </context>
    <context>
        <name>ChangePasswordDialog</name>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Again</source>
            <translation>Wiederholen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>An admin has reset your password: choose your own now.</source>
            <translation>Ein Administrator hat Ihr Passwort zurückgesetzt: Wählen Sie jetzt ein eigenes.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Change my password</source>
            <translation>Eigenes Passwort ändern</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Current password</source>
            <translation>Aktuelles Passwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>New password</source>
            <translation>Neues Passwort</translation>
        </message>
    </context>
    <context>
        <name>ChargerChoice</name>
        <message>
            <location filename="../../console/ui/technician/charger_choice.py" />
            <source>%1 (offline)</source>
            <translation>%1 (offline)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/charger_choice.py" />
            <source>Charger:</source>
            <translation>Ladestation:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/charger_choice.py" />
            <source>Choose a charger…</source>
            <translation>Ladestation auswählen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/charger_choice.py" />
            <source>The charger shown; every technician page and the Charger tab follow it</source>
            <translation>Die angezeigte Ladestation; alle Technik-Seiten und die Registerkarte Ladestation folgen ihr</translation>
        </message>
    </context>
    <context>
        <name>ChargerDetail</name>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source> · ERROR</source>
            <translation> · FEHLER</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source> · reply</source>
            <translation> · Antwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>Action</source>
            <translation>Aktion</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Approval</source>
            <translation>Freigabe</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Card %1</source>
            <translation>Karte %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <location filename="../../console/ui/detail/panels.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Connection</source>
            <translation>Verbindung</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>Connector</source>
            <translation>Ladepunkt</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Connector %1</source>
            <translation>Ladepunkt %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>Dir.</source>
            <translation>Richt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Firmware</source>
            <translation>Firmware</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>Info</source>
            <translation>Info</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Last seen</source>
            <translation>Zuletzt gesehen</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>Latency</source>
            <translation>Latenz</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Make available</source>
            <translation>Verfügbar machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Make unavailable</source>
            <translation>Nicht verfügbar machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>Message id</source>
            <translation>Nachrichten-ID</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Meter</source>
            <translation>Zähler</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Model</source>
            <translation>Modell</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>No session</source>
            <translation>Kein Ladevorgang</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Not connected since the console started</source>
            <translation>Seit dem Start der Konsole nicht verbunden</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Offline</source>
            <translation>Offline</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>Payload</source>
            <translation>Nutzdaten</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>SIM</source>
            <translation>SIM</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Serial</source>
            <translation>Seriennummer</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>SoC %1 %</source>
            <translation>SoC %1 %</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Start a session for a driver without a card</source>
            <translation>Einen Ladevorgang für einen Fahrer ohne Karte starten</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Start for visitor…</source>
            <translation>Für Besucher starten…</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Start session…</source>
            <translation>Ladevorgang starten…</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Stop</source>
            <translation>Beenden</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Unlock</source>
            <translation>Entriegeln</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>Vendor</source>
            <translation>Hersteller</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>avg %1 kW</source>
            <translation>Ø %1 kW</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>box</source>
            <translation>Box</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>from the charger</source>
            <translation>von der Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>rejected</source>
            <translation>abgelehnt</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>since %1</source>
            <translation>seit %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>started —</source>
            <translation>gestartet –</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>to the charger</source>
            <translation>an die Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/models.py" />
            <source>unreadable frame</source>
            <translation>unlesbarer Frame</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>waiting for staff</source>
            <translation>wartet auf das Personal</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>● Online since %1</source>
            <translation>● Online seit %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/panels.py" />
            <source>⚠ Offline</source>
            <translation>⚠ Offline</translation>
        </message>
    </context>
    <context>
        <name>ChargerDetailView</name>
        <message>
            <location filename="../../console/ui/detail/view.py" />
            <source>Charger shown</source>
            <translation>Angezeigte Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/view.py" />
            <source>Charger:</source>
            <translation>Ladestation:</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/view.py" />
            <source>Choose a charger above, or double-click one in the Overview.</source>
            <translation>Wählen Sie oben eine Ladestation aus, oder doppelklicken Sie in der Übersicht auf eine.</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/view.py" />
            <source>Choose a charger…</source>
            <translation>Ladestation auswählen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/view.py" />
            <source>Could not read the charger's history: %1</source>
            <translation>Der Verlauf der Ladestation konnte nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/view.py" />
            <source>Hard reset…</source>
            <translation>Neustart (hart)…</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/view.py" />
            <source>Restart the charger at once</source>
            <translation>Die Ladestation sofort neu starten</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/view.py" />
            <source>Restart the charger; sessions end first</source>
            <translation>Die Ladestation neu starten; Ladevorgänge werden vorher beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/view.py" />
            <source>Soft reset…</source>
            <translation>Neustart (sanft)…</translation>
        </message>
    </context>
    <context>
        <name>ChargerTableModel</name>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source> at %1</source>
            <translation> um %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Battery %1 %</source>
            <translation>Batterie %1 %</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Connection</source>
            <translation>Verbindung</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Connector</source>
            <translation>Ladepunkt</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Cost so far</source>
            <translation>Bisherige Kosten</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Driver</source>
            <translation>Fahrer</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Energy (kWh)</source>
            <translation>Energie (kWh)</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>How long the running session has lasted</source>
            <translation>Wie lange der laufende Ladevorgang schon dauert</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Last message: %1</source>
            <translation>Letzte Nachricht: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Last reported: %1</source>
            <translation>Zuletzt gemeldet: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Offline</source>
            <translation>Offline</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Offline · seen %1</source>
            <translation>Offline · zuletzt gesehen %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Online · %1</source>
            <translation>Online · %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Power (kW)</source>
            <translation>Leistung (kW)</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Rejected</source>
            <translation>Abgelehnt</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Started %1</source>
            <translation>Gestartet %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Waiting for approval</source>
            <translation>Wartet auf Freigabe</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>What the running session has cost so far, under its tariff</source>
            <translation>Was der laufende Ladevorgang nach seinem Tarif bisher gekostet hat</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Who charges: the card's owner or the visitor, and the card</source>
            <translation>Wer lädt: der Besitzer der Karte oder der Besucher, und die Karte</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>charger: %1</source>
            <translation>Ladestation: %1</translation>
        </message>
    </context>
    <context>
        <name>CommandLogModel</name>
        <message>
            <location filename="../../console/ui/technician/commands_log.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands_log.py" />
            <source>Command</source>
            <translation>Befehl</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands_log.py" />
            <source>Outcome</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands_log.py" />
            <source>Reply</source>
            <translation>Antwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands_log.py" />
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
    </context>
    <context>
        <name>CommandWords</name>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1 answered with an error: %2</source>
            <translation>%1 hat mit einem Fehler geantwortet: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1 did not answer in time: it may or may not have done it; look at its status</source>
            <translation>%1 hat nicht rechtzeitig geantwortet: Der Befehl wurde eventuell ausgeführt; prüfen Sie den Status</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1 does not support this command</source>
            <translation>%1 unterstützt diesen Befehl nicht</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1 is now available</source>
            <translation>%1 ist jetzt verfügbar</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1 is now unavailable</source>
            <translation>%1 ist jetzt nicht verfügbar</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1 is offline: nothing was sent</source>
            <translation>%1 ist offline: Es wurde nichts gesendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1 will become available when the running session ends</source>
            <translation>%1 wird verfügbar, wenn der laufende Ladevorgang endet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1 will become unavailable when the running session ends</source>
            <translation>%1 wird nicht verfügbar, wenn der laufende Ladevorgang endet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>%1: availability changed</source>
            <translation>%1: Verfügbarkeit geändert</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Accepted by the charger</source>
            <translation>Von der Ladestation angenommen</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Accepted: it takes effect later (%1)</source>
            <translation>Angenommen: Wird später wirksam (%1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Card refused</source>
            <translation>Karte abgelehnt</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Card refused by the charger: %1</source>
            <translation>Karte von der Ladestation abgelehnt: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Charging limit installed</source>
            <translation>Ladebegrenzung eingerichtet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Charging limits removed</source>
            <translation>Ladebegrenzungen entfernt</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Done</source>
            <translation>Erledigt</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Ended</source>
            <translation>Beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>No answer</source>
            <translation>Keine Antwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>No charging limit matched: nothing removed</source>
            <translation>Keine passende Ladebegrenzung: Nichts entfernt</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>No session</source>
            <translation>Kein Ladevorgang</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Not done: %1</source>
            <translation>Nicht ausgeführt: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Not ended</source>
            <translation>Nicht beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Not reserved: the charger takes no reservations</source>
            <translation>Nicht reserviert: Die Ladestation nimmt keine Reservierungen an</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Not reserved: the connector is faulted</source>
            <translation>Nicht reserviert: Der Ladepunkt ist gestört</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Not reserved: the connector is in use</source>
            <translation>Nicht reserviert: Der Ladepunkt ist belegt</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Not reserved: the connector is out of use</source>
            <translation>Nicht reserviert: Der Ladepunkt ist außer Betrieb</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Not sent</source>
            <translation>Nicht gesendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Not supported</source>
            <translation>Nicht unterstützt</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Offline</source>
            <translation>Offline</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger</source>
            <translation>Von der Ladestation abgelehnt</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger (%1)</source>
            <translation>Von der Ladestation abgelehnt (%1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger: %1 keeps its availability</source>
            <translation>Von der Ladestation abgelehnt: %1 behält ihre Verfügbarkeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger: it does not restart now</source>
            <translation>Von der Ladestation abgelehnt: Sie startet jetzt nicht neu</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger: it has no such session running (it may have ended)</source>
            <translation>Von der Ladestation abgelehnt: Ein solcher Ladevorgang läuft dort nicht (er ist eventuell beendet)</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger: it knows no such reservation</source>
            <translation>Von der Ladestation abgelehnt: Sie kennt keine solche Reservierung</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger: it sends nothing now</source>
            <translation>Von der Ladestation abgelehnt: Sie sendet jetzt nichts</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger: its card cache was not emptied</source>
            <translation>Von der Ladestation abgelehnt: Ihr Kartenspeicher wurde nicht geleert</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger: the certificate is not valid for it</source>
            <translation>Von der Ladestation abgelehnt: Das Zertifikat ist für sie nicht gültig</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger: the connector may be in use, reserved or out of order</source>
            <translation>Von der Ladestation abgelehnt: Der Ladepunkt ist eventuell belegt, reserviert oder außer Betrieb</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger: the limit was not set</source>
            <translation>Von der Ladestation abgelehnt: Die Begrenzung wurde nicht gesetzt</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Refused by the charger: the value is not allowed or the setting is read-only</source>
            <translation>Von der Ladestation abgelehnt: Der Wert ist nicht zulässig oder die Einstellung ist schreibgeschützt</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Reservation cancelled</source>
            <translation>Reservierung aufgehoben</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Reserved</source>
            <translation>Reserviert</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Session ended</source>
            <translation>Ladevorgang beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Session started</source>
            <translation>Ladevorgang gestartet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Session started for %1</source>
            <translation>Ladevorgang für %1 gestartet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Setting changed</source>
            <translation>Einstellung geändert</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Setting saved: it takes effect when the charger restarts</source>
            <translation>Einstellung gespeichert: Sie wird beim Neustart der Ladestation wirksam</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Started</source>
            <translation>Gestartet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger</source>
            <translation>Die Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger accepted and ends the session</source>
            <translation>Die Ladestation hat angenommen und beendet den Ladevorgang</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger accepted and will start the session when the car is ready</source>
            <translation>Die Ladestation hat angenommen und startet den Ladevorgang, sobald das Fahrzeug bereit ist</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger accepted but no session started within %1 s</source>
            <translation>Die Ladestation hat angenommen, aber innerhalb von %1 s wurde kein Ladevorgang gestartet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger accepted but reported no end of the session within %1 s</source>
            <translation>Die Ladestation hat angenommen, aber innerhalb von %1 s kein Ende des Ladevorgangs gemeldet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger accepted the data</source>
            <translation>Die Ladestation hat die Daten angenommen</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger could not store the certificate (its store may be full)</source>
            <translation>Die Ladestation konnte das Zertifikat nicht speichern (ihr Speicher ist eventuell voll)</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger could not store the local card list</source>
            <translation>Die Ladestation konnte die lokale Liste nicht speichern</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger could not unlock the connector: check the cable and the lock</source>
            <translation>Die Ladestation konnte den Ladepunkt nicht entriegeln: Prüfen Sie Kabel und Verriegelung</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger deleted the certificate</source>
            <translation>Die Ladestation hat das Zertifikat gelöscht</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger does not hold that certificate</source>
            <translation>Die Ladestation besitzt dieses Zertifikat nicht</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger does not know that message id</source>
            <translation>Die Ladestation kennt diese Nachrichten-ID nicht</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger does not know that vendor id</source>
            <translation>Die Ladestation kennt diese Hersteller-ID nicht</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger installed the certificate</source>
            <translation>Die Ladestation hat das Zertifikat installiert</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger is restarting</source>
            <translation>Die Ladestation startet neu</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger kept the certificate (it may be the one it is using)</source>
            <translation>Die Ladestation hat das Zertifikat behalten (eventuell verwendet sie es gerade)</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger will send the message now</source>
            <translation>Die Ladestation sendet die Nachricht jetzt</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger's card cache was emptied</source>
            <translation>Der Kartenspeicher der Ladestation wurde geleert</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The charger's local card list was not the version expected: it is sent whole next time</source>
            <translation>Die lokale Liste der Ladestation hatte nicht die erwartete Version: Sie wird beim nächsten Mal vollständig gesendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>The local card list was sent</source>
            <translation>Die lokale Liste wurde gesendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>This charger cannot send that message on request</source>
            <translation>Diese Ladestation kann diese Nachricht nicht auf Anforderung senden</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>This charger cannot unlock its connectors remotely</source>
            <translation>Diese Ladestation kann ihre Ladepunkte nicht aus der Ferne entriegeln</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>This charger does not know that setting</source>
            <translation>Diese Ladestation kennt diese Einstellung nicht</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>This charger does not support this (%1)</source>
            <translation>Diese Ladestation unterstützt dies nicht (%1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>This charger does not take charging limits</source>
            <translation>Diese Ladestation unterstützt keine Ladebegrenzungen</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>This charger keeps no local card list</source>
            <translation>Diese Ladestation führt keine lokale Liste</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>Unlocked: the cable can be taken out</source>
            <translation>Entriegelt: Das Kabel kann abgezogen werden</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>kWh</source>
            <translation>kWh</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>no reason given</source>
            <translation>kein Grund angegeben</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>not billed yet</source>
            <translation>noch nicht abgerechnet</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>refused</source>
            <translation>abgelehnt</translation>
        </message>
        <message>
            <location filename="../../console/ui/command_words.py" />
            <source>the request was not valid</source>
            <translation>die Anfrage war ungültig</translation>
        </message>
    </context>
    <context>
        <name>CommandsPage</name>
        <message>
            <location filename="../../console/ui/technician/trigger_follow.py" />
            <source>%1 received %2: %3</source>
            <translation>%1 empfangen um %2: %3</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>(connector %1)</source>
            <translation>(Ladepunkt %1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>0 (whole charger)</source>
            <translation>0 (gesamte Ladestation)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>&lt;b&gt;Outcomes&lt;/b&gt; (the frames are in the message log)</source>
            <translation>&lt;b&gt;Ergebnisse&lt;/b&gt; (die Frames stehen im Nachrichtenprotokoll)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Action:</source>
            <translation>Aktion:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Charger and connectors</source>
            <translation>Ladestation und Ladepunkte</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Clear cache</source>
            <translation>Cache leeren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Connector 0 is the charger as a whole</source>
            <translation>Ladepunkt 0 ist die gesamte Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Connector:</source>
            <translation>Ladepunkt:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Could not follow the trigger: %1</source>
            <translation>Die Anforderung konnte nicht verfolgt werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Data transfer</source>
            <translation>Datenübertragung</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Data transfer to %1</source>
            <translation>Datenübertragung an %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Data:</source>
            <translation>Daten:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Empty the authorization cache</source>
            <translation>Autorisierungs-Cache leeren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Extended</source>
            <translation>Erweitert</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Extended trigger %1</source>
            <translation>%1 erweitert anfordern</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Hard reset</source>
            <translation>Neustart (hart)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Hard reset…</source>
            <translation>Neustart (hart)…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Inoperative</source>
            <translation>Nicht betriebsbereit</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Message id:</source>
            <translation>Nachrichten-ID:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>No %1 came within %2 s</source>
            <translation>Kein %1 innerhalb von %2 s eingegangen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Operative</source>
            <translation>Betriebsbereit</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Raw %1</source>
            <translation>%1 (direkt)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Raw call (any OCPP 1.6 action)</source>
            <translation>Direkter Aufruf (beliebige OCPP-1.6-Aktion)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Send</source>
            <translation>Senden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Send ExtendedTriggerMessage (OCPP 1.6 security extension)</source>
            <translation>ExtendedTriggerMessage senden (OCPP-1.6-Sicherheitserweiterung)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Soft reset</source>
            <translation>Neustart (sanft)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Soft reset…</source>
            <translation>Neustart (sanft)…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Trigger</source>
            <translation>Anfordern</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Trigger %1</source>
            <translation>%1 anfordern</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Trigger a message</source>
            <translation>Nachricht anfordern</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Unlock</source>
            <translation>Entriegeln</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Vendor id:</source>
            <translation>Hersteller-ID:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>Waiting for %1…</source>
            <translation>Warte auf %1…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>e.g. com.vendor</source>
            <translation>z. B. com.vendor</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>optional</source>
            <translation>optional</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>optional, free text</source>
            <translation>optional, freier Text</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>— (charger)</source>
            <translation>— (Ladestation)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/commands.py" />
            <source>✓ Matches the schema.</source>
            <translation>✓ Entspricht dem Schema.</translation>
        </message>
    </context>
    <context>
        <name>ConfigKeysModel</name>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Changed from %1; not applied yet</source>
            <translation>Geändert (vorher: %1); noch nicht übernommen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Double-click to change</source>
            <translation>Doppelklicken zum Ändern</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Key</source>
            <translation>Schlüssel</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Outcome</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Read-only</source>
            <translation>Schreibgeschützt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>The charger does not let this key be changed</source>
            <translation>Die Ladestation lässt diesen Schlüssel nicht ändern</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Value</source>
            <translation>Wert</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>read-only</source>
            <translation>schreibgeschützt</translation>
        </message>
    </context>
    <context>
        <name>ConfigValueView</name>
        <message>
            <location filename="../../console/ui/technician/config_value.py" />
            <source>(changed, not applied yet; was: %1)</source>
            <translation>(geändert, noch nicht übernommen; vorher: %1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_value.py" />
            <source>(no value)</source>
            <translation>(kein Wert)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_value.py" />
            <source>(read-only)</source>
            <translation>(schreibgeschützt)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_value.py" />
            <source>Choose a key to see its whole value.</source>
            <translation>Wählen Sie einen Schlüssel, um seinen vollständigen Wert zu sehen.</translation>
        </message>
    </context>
    <context>
        <name>ConfigurationPage</name>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>%1 applies %2 only after a restart. Soft reset it now? Running sessions are ended first.</source>
            <translation>%1 übernimmt %2 erst nach einem Neustart. Jetzt Neustart (sanft) ausführen? Laufende Ladevorgänge werden zuvor beendet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>%1 keys; double-click a value to change it.</source>
            <translation>%1 Schlüssel; doppelklicken Sie auf einen Wert, um ihn zu ändern.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/technician/configuration.py" />
            <source>%n change(s) not applied yet.</source>
            <translation>
                <numerusform>%n Änderung noch nicht übernommen.</numerusform>
                <numerusform>%n Änderungen noch nicht übernommen.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Apply changes</source>
            <translation>Änderungen übernehmen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Ask the charger for every key (GetConfiguration)</source>
            <translation>Alle Schlüssel von der Ladestation abfragen (GetConfiguration)</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Change %n key(s)</source>
            <translation>
                <numerusform>%n Schlüssel ändern</numerusform>
                <numerusform>%n Schlüssel ändern</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Choose a charger, then read its configuration.</source>
            <translation>Wählen Sie eine Ladestation, und lesen Sie dann ihre Konfiguration.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Filter keys…</source>
            <translation>Schlüssel filtern…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Later</source>
            <translation>Später</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Not read yet: press Read configuration.</source>
            <translation>Noch nicht gelesen: Klicken Sie auf „Konfiguration lesen“.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Read configuration</source>
            <translation>Konfiguration lesen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Reboot required</source>
            <translation>Neustart erforderlich</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Send each changed key (ChangeConfiguration)</source>
            <translation>Jeden geänderten Schlüssel senden (ChangeConfiguration)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Soft reset</source>
            <translation>Neustart (sanft)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Soft reset now</source>
            <translation>Jetzt Neustart (sanft)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Undo edits</source>
            <translation>Bearbeitungen verwerfen</translation>
        </message>
    </context>
    <context>
        <name>ConnectionActions</name>
        <message>
            <location filename="../../console/ui/technician/connection_actions.py" />
            <source>Clear password</source>
            <translation>Passwort löschen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_actions.py" />
            <source>Register charger</source>
            <translation>Ladestation registrieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_actions.py" />
            <source>Set password</source>
            <translation>Passwort festlegen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_actions.py" />
            <source>Unlock</source>
            <translation>Entsperren</translation>
        </message>
    </context>
    <context>
        <name>Connections</name>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>%1 to %2 characters</source>
            <translation>%1 bis %2 Zeichen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>%2 times · %1</source>
            <translation>%2-mal · %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>(encrypted) · no HTTP answer</source>
            <translation>(verschlüsselt) · keine HTTP-Antwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>A charger id has at most 48 letters, digits and - . _ ~ (no spaces).</source>
            <translation>Eine Ladestations-ID hat höchstens 48 Buchstaben, Ziffern und - . _ ~ (keine Leerzeichen).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>A password has %1 to %2 characters.</source>
            <translation>Ein Passwort hat %1 bis %2 Zeichen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Accept or reject the chargers waiting for approval, or register this one here.</source>
            <translation>Nehmen Sie die auf Freigabe wartenden Ladestationen an oder lehnen Sie sie ab, oder registrieren Sie diese hier.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Accept or reject the chargers waiting from this address, or register this one here.</source>
            <translation>Nehmen Sie die von dieser Adresse wartenden Ladestationen an oder lehnen Sie sie ab, oder registrieren Sie diese hier.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Accepted</source>
            <translation>Angenommen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Bad URL path</source>
            <translation>Ungültiger URL-Pfad</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Change the charger's URL to a wss:// address shown above; ws:// is refused for it.</source>
            <translation>Ändern Sie die URL der Ladestation auf eine der oben gezeigten wss://-Adressen; ws:// wird für sie abgewiesen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>Charger id</source>
            <translation>Ladestations-ID</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Charger id breaks the OCPP rules</source>
            <translation>Ladestations-ID verstößt gegen die OCPP-Regeln</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Charger was rejected by staff</source>
            <translation>Ladestation wurde vom Personal abgelehnt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Charger was retired</source>
            <translation>Ladestation wurde außer Betrieb genommen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Check the charger's clock, then give it a new certificate from the site CA.</source>
            <translation>Prüfen Sie die Uhr der Ladestation, und geben Sie ihr dann ein neues Zertifikat der Zertifizierungsstelle des Standorts.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Client certificate is for another charger (CN is not the charger id)</source>
            <translation>Client-Zertifikat gehört zu einer anderen Ladestation (CN ist nicht die Ladestations-ID)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Connected</source>
            <translation>Verbunden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Connection refused</source>
            <translation>Verbindung abgelehnt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Correct the password, then Unlock (or wait 15 minutes).</source>
            <translation>Korrigieren Sie das Passwort, und klicken Sie dann auf „Entsperren“ (oder warten Sie 15 Minuten).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Disconnected</source>
            <translation>Getrennt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>Enter the charger id.</source>
            <translation>Geben Sie die Ladestations-ID ein.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Enter the password in the charger's OCPP settings, or clear it here.</source>
            <translation>Geben Sie das Passwort in den OCPP-Einstellungen der Ladestation ein, oder löschen Sie es hier.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Event</source>
            <translation>Ereignis</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>Fill in a random password and show it, to type into the charger.</source>
            <translation>Ein zufälliges Passwort eintragen und anzeigen, zur Eingabe in der Ladestation.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>From</source>
            <translation>Von</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>Generate</source>
            <translation>Erzeugen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Give the charger a certificate from the site CA (Security page), or lower its profile to 2.</source>
            <translation>Geben Sie der Ladestation ein Zertifikat der Zertifizierungsstelle des Standorts (Seite Sicherheit), oder senken Sie ihr Profil auf 2 ab.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Give the charger a new certificate (and check its clock).</source>
            <translation>Geben Sie der Ladestation ein neues Zertifikat (und prüfen Sie ihre Uhr).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Give the charger an id of at most 48 letters, digits and - . _ ~ (no spaces).</source>
            <translation>Geben Sie der Ladestation eine ID mit höchstens 48 Buchstaben, Ziffern und - . _ ~ (keine Leerzeichen).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Heartbeat gap</source>
            <translation>Heartbeat-Lücke</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Install the site CA certificate (Security page) on the charger.</source>
            <translation>Installieren Sie das Zertifikat der Zertifizierungsstelle des Standorts (Seite Sicherheit) auf der Ladestation.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Interface</source>
            <translation>Schnittstelle</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Its security profile needs a password; none is set</source>
            <translation>Ihr Sicherheitsprofil erfordert ein Passwort; es ist keines festgelegt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Locked after wrong passwords</source>
            <translation>Nach falschen Passwörtern gesperrt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Many idle connections at once: look for a scanner or a faulty device here.</source>
            <translation>Viele untätige Verbindungen gleichzeitig: Suchen Sie hier nach einem Scanner oder einem defekten Gerät.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Needs TLS (wss://): security profile 2 is required</source>
            <translation>Erfordert TLS (wss://): Sicherheitsprofil 2 ist vorgeschrieben</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Needs TLS (wss://): security profile 3 is required</source>
            <translation>Erfordert TLS (wss://): Sicherheitsprofil 3 ist vorgeschrieben</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>No answer (timeout, firewall?)</source>
            <translation>Keine Antwort (Zeitüberschreitung, Firewall?)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>No client certificate: security profile 3 is required</source>
            <translation>Kein Client-Zertifikat: Sicherheitsprofil 3 ist vorgeschrieben</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>No common OCPP version (subprotocol)</source>
            <translation>Keine gemeinsame OCPP-Version (Subprotokoll)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>No password given</source>
            <translation>Kein Passwort angegeben</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Not TLS: ws:// sent to the wss:// port</source>
            <translation>Kein TLS: ws:// an den wss://-Port gesendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Not checked</source>
            <translation>Nicht geprüft</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Often the charger does not trust the site CA: install its certificate on it.</source>
            <translation>Oft vertraut die Ladestation der Zertifizierungsstelle des Standorts nicht: Installieren Sie deren Zertifikat auf der Ladestation.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Port check</source>
            <translation>Portprüfung</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Reachable</source>
            <translation>Erreichbar</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Reason</source>
            <translation>Grund</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Rebooted (BootNotification)</source>
            <translation>Neu gestartet (BootNotification)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Refused</source>
            <translation>Abgewiesen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Refused %1 times from %2 to %3.</source>
            <translation>Von %2 bis %3 %1-mal abgewiesen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>Register</source>
            <translation>Registrieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>Register charger</source>
            <translation>Ladestation registrieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Register the charger again to bring it back.</source>
            <translation>Registrieren Sie die Ladestation erneut, um sie zurückzuholen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Register the charger again to let it in.</source>
            <translation>Registrieren Sie die Ladestation erneut, um sie zuzulassen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Register the charger here, or let unknown chargers wait for approval.</source>
            <translation>Registrieren Sie die Ladestation hier, oder lassen Sie unbekannte Ladestationen auf Freigabe warten.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>Repeat password</source>
            <translation>Passwort wiederholen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Result</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>See the log for the TLS library's reason.</source>
            <translation>Den Grund der TLS-Bibliothek finden Sie im Protokoll.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>Set password</source>
            <translation>Passwort festlegen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Set the charger to OCPP 1.6J (subprotocol ocpp1.6).</source>
            <translation>Stellen Sie die Ladestation auf OCPP 1.6J ein (Subprotokoll ocpp1.6).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Set the charger's password here and in the charger (AuthorizationKey).</source>
            <translation>Setzen Sie das Passwort der Ladestation hier und in der Ladestation (AuthorizationKey).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Set the password here to the one configured in the charger (or the other way).</source>
            <translation>Setzen Sie das Passwort hier auf das in der Ladestation konfigurierte (oder umgekehrt).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>TLS failure: the charger sent wss:// to the ws:// port</source>
            <translation>TLS-Fehler: Die Ladestation hat wss:// an den ws://-Port gesendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>TLS handshake failed</source>
            <translation>TLS-Handshake fehlgeschlagen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>TLS handshake timed out</source>
            <translation>Zeitüberschreitung beim TLS-Handshake</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>TLS: certificate from an unknown CA</source>
            <translation>TLS: Zertifikat von einer unbekannten Zertifizierungsstelle</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>TLS: the charger broke off the handshake</source>
            <translation>TLS: Die Ladestation hat den Handshake abgebrochen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>TLS: the charger does not trust the site CA</source>
            <translation>TLS: Die Ladestation vertraut der Zertifizierungsstelle des Standorts nicht</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>TLS: the charger's certificate has expired</source>
            <translation>TLS: Das Zertifikat der Ladestation ist abgelaufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>TLS: the charger's certificate is not valid</source>
            <translation>TLS: Das Zertifikat der Ladestation ist ungültig</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>TLS: version too old or no common cipher</source>
            <translation>TLS: Version zu alt oder kein gemeinsames Verschlüsselungsverfahren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>The Basic auth user name in the charger must be its charge point id.</source>
            <translation>Der Basic-Auth-Benutzername in der Ladestation muss ihre Ladestations-ID (Charge Point ID) sein.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>The URL must end in /ocpp/&lt;charger id&gt; (or /&lt;charger id&gt;); see the addresses above.</source>
            <translation>Die URL muss auf /ocpp/&lt;Ladestations-ID&gt; (oder /&lt;Ladestations-ID&gt;) enden; siehe die Adressen oben.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>The certificate's name must be the charger's id: issue one for this charger.</source>
            <translation>Der Name im Zertifikat muss die ID der Ladestation sein: Stellen Sie eines für diese Ladestation aus.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>The charger (or something else at this address) opened a connection and sent nothing: check its network and URL.</source>
            <translation>Die Ladestation (oder ein anderes Gerät an dieser Adresse) hat eine Verbindung geöffnet und nichts gesendet: Prüfen Sie ihr Netzwerk und ihre URL.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>The charger got in.</source>
            <translation>Die Ladestation wurde zugelassen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>The charger must send this password (HTTP Basic auth, user name = its id). Leave it empty to let the charger in without one.</source>
            <translation>Die Ladestation muss dieses Passwort senden (HTTP Basic Auth, Benutzername = ihre ID). Lassen Sie es leer, um die Ladestation ohne Passwort zuzulassen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>The charger will be accepted when it connects again. Leave the password empty if the charger sends none.</source>
            <translation>Die Ladestation wird angenommen, wenn sie sich erneut verbindet. Lassen Sie das Passwort leer, wenn die Ladestation keines sendet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>The charger's certificate is not from the site CA: issue one from it.</source>
            <translation>Das Zertifikat der Ladestation stammt nicht von der Zertifizierungsstelle des Standorts: Stellen Sie dort eines aus.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_dialogs.py" />
            <source>The two passwords differ.</source>
            <translation>Die beiden Passwörter stimmen nicht überein.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Too many TLS handshakes at once</source>
            <translation>Zu viele TLS-Handshakes gleichzeitig</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Too many unknown chargers waiting</source>
            <translation>Zu viele unbekannte Ladestationen warten</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Too many unknown chargers waiting from this address</source>
            <translation>Zu viele unbekannte Ladestationen von dieser Adresse warten</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>Type this into the charger's central system URL, with its id.</source>
            <translation>Tragen Sie dies mit ihrer ID als Zentralsystem-URL in der Ladestation ein.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>URL for chargers</source>
            <translation>URL für Ladestationen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>URL path</source>
            <translation>URL-Pfad</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Unknown charger id</source>
            <translation>Unbekannte Ladestations-ID</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Update the charger's firmware: TLS 1.2 or newer is required.</source>
            <translation>Aktualisieren Sie die Firmware der Ladestation: TLS 1.2 oder neuer ist erforderlich.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Use a wss:// address shown above (its own port), or change the charger's URL to ws://.</source>
            <translation>Verwenden Sie eine der oben gezeigten wss://-Adressen (mit eigenem Port), oder ändern Sie die URL der Ladestation auf ws://.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Use the ws:// address for this charger, or change its URL to wss://.</source>
            <translation>Verwenden Sie für diese Ladestation die ws://-Adresse, oder ändern Sie ihre URL auf wss://.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Username is not the charger id</source>
            <translation>Benutzername ist nicht die Ladestations-ID</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>Wrong password</source>
            <translation>Falsches Passwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>connection lost without a close</source>
            <translation>Verbindung ohne Schließen verloren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>firmware %1</source>
            <translation>Firmware %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>from %1</source>
            <translation>von %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>going away</source>
            <translation>Gegenstelle beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>no close code</source>
            <translation>kein Schließcode</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>normal close</source>
            <translation>normales Schließen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>nothing heard for %1</source>
            <translation>%1 lang nichts empfangen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>offered %1</source>
            <translation>angeboten: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>offered no OCPP version</source>
            <translation>keine OCPP-Version angeboten</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>policy violation</source>
            <translation>Richtlinienverstoß</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>server error</source>
            <translation>Serverfehler</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>service restart</source>
            <translation>Dienstneustart</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_words.py" />
            <source>user %1</source>
            <translation>Benutzer %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>wss:// port · refused in the TLS handshake</source>
            <translation>wss://-Port · im TLS-Handshake abgewiesen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connection_models.py" />
            <source>… checking</source>
            <translation>… wird geprüft</translation>
        </message>
    </context>
    <context>
        <name>ConnectionsPage</name>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Addresses of this PC</source>
            <translation>Adressen dieses PCs</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>All chargers</source>
            <translation>Alle Ladestationen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Chargers connect to one of these URLs, ending in their own id:</source>
            <translation>Ladestationen verbinden sich mit einer dieser URLs, ergänzt um ihre eigene ID:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Check</source>
            <translation>Prüfen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Choose a charger.</source>
            <translation>Wählen Sie eine Ladestation.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Clock %1 %2 ours.</source>
            <translation>Uhr %1 %2 unserer.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Clock drift: no timestamped messages yet.</source>
            <translation>Uhrabweichung: noch keine Nachrichten mit Zeitstempel.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Clock in step with ours (%1).</source>
            <translation>Uhr stimmt mit unserer überein (%1).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Connect to the OCPP port on every address, as a charger would.</source>
            <translation>Mit dem OCPP-Port auf jeder Adresse verbinden, wie es eine Ladestation tun würde.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Connection attempts</source>
            <translation>Verbindungsversuche</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Connection history</source>
            <translation>Verbindungsverlauf</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Could not read the connections: %1</source>
            <translation>Die Verbindungen konnten nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Heartbeat gaps: silences longer than two intervals (2 x %1).</source>
            <translation>Heartbeat-Lücken: Pausen länger als zwei Intervalle (2 x %1).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Let the charger try its password again now, not after the lock-out.</source>
            <translation>Die Ladestation ihr Passwort jetzt erneut versuchen lassen, nicht erst nach der Sperrzeit.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Median of the last %1 timestamped messages.</source>
            <translation>Median der letzten %1 Nachrichten mit Zeitstempel.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Reading…</source>
            <translation>Wird gelesen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Refused only</source>
            <translation>Nur abgewiesene</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Register charger…</source>
            <translation>Ladestation registrieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Search id, address, reason…</source>
            <translation>ID, Adresse, Grund suchen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Select an attempt to see what to do about it.</source>
            <translation>Wählen Sie einen Versuch, um zu sehen, was zu tun ist.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Set password…</source>
            <translation>Passwort festlegen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>Unlock</source>
            <translation>Entsperren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>ahead of</source>
            <translation>vor</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/connections.py" />
            <source>behind</source>
            <translation>hinter</translation>
        </message>
    </context>
    <context>
        <name>CsvExportJob</name>
        <message>
            <location filename="../../console/ui/sessions/export_job.py" />
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/export_job.py" />
            <source>Export sessions</source>
            <translation>Ladevorgänge exportieren</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/sessions/export_job.py" />
            <source>Exporting %n session(s)…</source>
            <translation>
                <numerusform>%n Ladevorgang wird exportiert…</numerusform>
                <numerusform>%n Ladevorgänge werden exportiert…</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/export_job.py" />
            <source>The sessions could not be written to %1:
%2</source>
            <translation>Die Ladevorgänge konnten nicht nach %1 geschrieben werden:
%2</translation>
        </message>
    </context>
    <context>
        <name>DesktopFiles</name>
        <message>
            <location filename="../../console/ui/desktop_files.py" />
            <source>%1 could not be opened: %2.

Save a copy where you can open or send it?</source>
            <translation>%1 konnte nicht geöffnet werden: %2.

Eine Kopie dort speichern, wo Sie sie öffnen oder versenden können?</translation>
        </message>
        <message>
            <location filename="../../console/ui/desktop_files.py" />
            <source>Could not open the file</source>
            <translation>Die Datei konnte nicht geöffnet werden</translation>
        </message>
        <message>
            <location filename="../../console/ui/desktop_files.py" />
            <source>Save a copy of %1</source>
            <translation>Eine Kopie von %1 speichern</translation>
        </message>
        <message>
            <location filename="../../console/ui/desktop_files.py" />
            <source>Save as…</source>
            <translation>Speichern unter…</translation>
        </message>
        <message>
            <location filename="../../console/ui/desktop_files.py" />
            <source>no file manager is set up on this computer</source>
            <translation>auf diesem Computer ist kein Dateimanager eingerichtet</translation>
        </message>
        <message>
            <location filename="../../console/ui/desktop_files.py" />
            <source>no program is set up on this computer to open %1 files</source>
            <translation>auf diesem Computer ist kein Programm zum Öffnen von %1-Dateien eingerichtet</translation>
        </message>
        <message>
            <location filename="../../console/ui/desktop_files.py" />
            <source>such</source>
            <translation>solche</translation>
        </message>
        <message>
            <location filename="../../console/ui/desktop_files.py" />
            <source>the desktop could not start a program for it (%1)</source>
            <translation>der Desktop konnte kein Programm dafür starten (%1)</translation>
        </message>
    </context>
    <context>
        <name>DetailBody</name>
        <message>
            <location filename="../../console/ui/detail/layout.py" />
            <source>Connectors</source>
            <translation>Ladepunkte</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/layout.py" />
            <source>Messages</source>
            <translation>Nachrichten</translation>
        </message>
        <message>
            <location filename="../../console/ui/detail/layout.py" />
            <source>Status history</source>
            <translation>Statusverlauf</translation>
        </message>
    </context>
    <context>
        <name>DifferencesModel</name>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>(absent)</source>
            <translation>(fehlt)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>+ only right</source>
            <translation>+ nur rechts</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>- only left</source>
            <translation>- nur links</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Difference</source>
            <translation>Unterschied</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Key</source>
            <translation>Schlüssel</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Left</source>
            <translation>Links</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Right</source>
            <translation>Rechts</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>≠ differs</source>
            <translation>≠ unterschiedlich</translation>
        </message>
    </context>
    <context>
        <name>EndSessionButton</name>
        <message>
            <location filename="../../console/ui/sessions/end_session.py" />
            <source>End session…</source>
            <translation>Ladevorgang beenden…</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/end_session.py" />
            <source>End the selected running session by hand, when its charger never will</source>
            <translation>Den ausgewählten laufenden Ladevorgang manuell beenden, wenn seine Ladestation es nie tun wird</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/end_session.py" />
            <source>Session %1 of %2 ended by staff</source>
            <translation>Ladevorgang %1 an %2 vom Personal beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/end_session.py" />
            <source>⚠ Session %2 was not ended: %1</source>
            <translation>⚠ Ladevorgang %2 wurde nicht beendet: %1</translation>
        </message>
    </context>
    <context>
        <name>EndSessionDialog</name>
        <message>
            <location filename="../../console/ui/sessions/end_session.py" />
            <source>End session</source>
            <translation>Ladevorgang beenden</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/end_session.py" />
            <source>End session %1</source>
            <translation>Ladevorgang %1 beenden</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/end_session.py" />
            <source>End session %1 on %2, connector %3 (%4)?

Do this only when the charger will never report the end itself (it lost power, was reset or hangs). The session ends at the last meter reading ChargeDesk has; if the charger reports the true end later, that replaces it.</source>
            <translation>Ladevorgang %1 an %2, Ladepunkt %3 (%4) beenden?

Tun Sie dies nur, wenn die Ladestation das Ende nie selbst melden wird (sie hat keinen Strom mehr, wurde zurückgesetzt oder hängt). Der Ladevorgang endet mit dem letzten Zählerstand, den ChargeDesk hat; meldet die Ladestation später das tatsächliche Ende, ersetzt dieses ihn.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/end_session.py" />
            <source>Reason, kept with the session (required)</source>
            <translation>Grund, wird beim Ladevorgang gespeichert (erforderlich)</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/end_session.py" />
            <source>Reason:</source>
            <translation>Grund:</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/end_session.py" />
            <source>card %1</source>
            <translation>Karte %1</translation>
        </message>
    </context>
    <context>
        <name>EnergyReportPage</name>
        <message numerus="yes">
            <location filename="../../console/ui/reports/energy_page.py" />
            <source> · %n session(s) without a bill</source>
            <translation>
                <numerusform> · %n Ladevorgang ohne Abrechnung</numerusform>
                <numerusform> · %n Ladevorgänge ohne Abrechnung</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>&amp;Group by:</source>
            <translation>&amp;Gruppieren nach:</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>&amp;Show:</source>
            <translation>&amp;Anzeigen:</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>Export CSV…</source>
            <translation>CSV exportieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>Export energy report</source>
            <translation>Energiebericht exportieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>No billed revenue in this period</source>
            <translation>Kein abgerechneter Umsatz in diesem Zeitraum</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>No finished sessions in this period</source>
            <translation>Keine abgeschlossenen Ladevorgänge in diesem Zeitraum</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>The report could not be read: %1</source>
            <translation>Der Bericht konnte nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>Total: </source>
            <translation>Summe: </translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>Write this report, as the table shows it, to CSV</source>
            <translation>Diesen Bericht so, wie die Tabelle ihn zeigt, als CSV schreiben</translation>
        </message>
    </context>
    <context>
        <name>FirmwareSigningBox</name>
        <message>
            <location filename="../../console/ui/technician/transfer_signing.py" />
            <source>No firmware signing certificate yet: create or import one on the Security page (Site CA), then come back to send signed firmware.</source>
            <translation>Noch kein Firmware-Signaturzertifikat: Erstellen oder importieren Sie eines auf der Seite Sicherheit (Zertifizierungsstelle des Standorts), und kommen Sie dann zurück, um signierte Firmware zu senden.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_signing.py" />
            <source>SHA-256 fingerprint: %1</source>
            <translation>SHA-256-Fingerabdruck: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_signing.py" />
            <source>Sign the firmware with the site's signing certificate (security extension)</source>
            <translation>Die Firmware mit dem Signaturzertifikat des Standorts signieren (Sicherheitserweiterung)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_signing.py" />
            <source>Signed (SignedUpdateFirmware)</source>
            <translation>Signiert (SignedUpdateFirmware)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_signing.py" />
            <source>Signed firmware needs the site CA, and ChargeDesk runs without one: start it with a TLS port, then create a firmware signing certificate on the Security page.</source>
            <translation>Signierte Firmware erfordert die Zertifizierungsstelle des Standorts, und ChargeDesk läuft ohne sie: Starten Sie ChargeDesk mit einem TLS-Port, und erstellen Sie dann auf der Seite Sicherheit ein Firmware-Signaturzertifikat.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_signing.py" />
            <source>Signs with %1 · SHA-256 %2 · valid %3</source>
            <translation>Signiert mit %1 · SHA-256 %2 · gültig %3</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_signing.py" />
            <source>The signing certificate could not be read: %1</source>
            <translation>Das Signaturzertifikat konnte nicht gelesen werden: %1</translation>
        </message>
    </context>
    <context>
        <name>FirstAdminForm</name>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>ChargeDesk has no staff accounts yet. The account you create now is the site's admin: it can do everything and add the other staff.</source>
            <translation>ChargeDesk hat noch keine Benutzerkonten. Das Konto, das Sie jetzt erstellen, ist der Administrator des Standorts: Es darf alles und legt das übrige Personal an.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Create and log in</source>
            <translation>Erstellen und anmelden</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Create the admin account</source>
            <translation>Administratorkonto erstellen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Fill in your name, a username and the password twice.</source>
            <translation>Geben Sie Ihren Namen, einen Benutzernamen und zweimal das Passwort ein.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Password again</source>
            <translation>Passwort wiederholen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>The two passwords differ: type the password again.</source>
            <translation>Die beiden Passwörter stimmen nicht überein: Geben Sie das Passwort erneut ein.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Username</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Your name</source>
            <translation>Ihr Name</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>at least %1 characters</source>
            <translation>mindestens %1 Zeichen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>e.g. Anna Berg</source>
            <translation>z. B. Anna Berg</translation>
        </message>
    </context>
    <context>
        <name>HeatLegendWidget</name>
        <message>
            <location filename="../../console/ui/reports/heatmap_view.py" />
            <source>kWh per hour of the week, summed over the period</source>
            <translation>kWh pro Wochenstunde, summiert über den Zeitraum</translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Cost</source>
            <translation>Kosten</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Energy</source>
            <translation>Energie</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Export CSV…</source>
            <translation>CSV exportieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Export history</source>
            <translation>Verlauf exportieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Exporting…</source>
            <translation>Wird exportiert…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>First use</source>
            <translation>Erste Nutzung</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>History — %1</source>
            <translation>Verlauf — %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Last use</source>
            <translation>Letzte Nutzung</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>No sessions were charged with this card yet.</source>
            <translation>Mit dieser Karte wurde noch kein Ladevorgang durchgeführt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Sessions</source>
            <translation>Ladevorgänge</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Status changes:</source>
            <translation>Statusänderungen:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>active again</source>
            <translation>wieder aktiv</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>blocked</source>
            <translation>gesperrt</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>retired</source>
            <translation>außer Betrieb</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>… and %1 earlier changes</source>
            <translation>… und %1 frühere Änderungen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>⚠ The history could not be written to %1: %2</source>
            <translation>⚠ Der Verlauf konnte nicht nach %1 geschrieben werden: %2</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/history.py" />
            <source>✓ %n session(s) exported to </source>
            <translation>
                <numerusform>✓ %n Ladevorgang exportiert nach </numerusform>
                <numerusform>✓ %n Ladevorgänge exportiert nach </numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistorySessionsModel</name>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Card</source>
            <translation>Karte</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Charger / connector</source>
            <translation>Ladestation / Ladepunkt</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Cost</source>
            <translation>Kosten</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Duration</source>
            <translation>Dauer</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>End</source>
            <translation>Ende</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Energy (kWh)</source>
            <translation>Energie (kWh)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Session</source>
            <translation>Nr.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>Start</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/history.py" />
            <source>running</source>
            <translation>laufend</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n changed</source>
            <translation>
                <numerusform>%n geändert</numerusform>
                <numerusform>%n geändert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n new card(s)</source>
            <translation>
                <numerusform>%n neue Karte</numerusform>
                <numerusform>%n neue Karten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n new person(s)</source>
            <translation>
                <numerusform>%n neue Person</numerusform>
                <numerusform>%n neue Personen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n person(s) changed</source>
            <translation>
                <numerusform>%n Person geändert</numerusform>
                <numerusform>%n Personen geändert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n problem(s)</source>
            <translation>
                <numerusform>%n Problem</numerusform>
                <numerusform>%n Probleme</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n unchanged</source>
            <translation>
                <numerusform>%n unverändert</numerusform>
                <numerusform>%n unverändert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>, %n changed</source>
            <translation>
                <numerusform>, %n geändert</numerusform>
                <numerusform>, %n geändert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>, %n new person(s)</source>
            <translation>
                <numerusform>, %n neue Person</numerusform>
                <numerusform>, %n neue Personen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>, %n person(s) changed</source>
            <translation>
                <numerusform>, %n Person geändert</numerusform>
                <numerusform>, %n Personen geändert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>, %n unchanged</source>
            <translation>
                <numerusform>, %n unverändert</numerusform>
                <numerusform>, %n unverändert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>; %n row(s) with problems skipped</source>
            <translation>
                <numerusform>; %n Zeile mit Problemen übersprungen</numerusform>
                <numerusform>; %n Zeilen mit Problemen übersprungen</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>CSV files (*.csv);;All files (*)</source>
            <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>Choose file…</source>
            <translation>Datei auswählen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>Columns: card id, status, valid until, group, sessions at once, owner, department, e-mail, phone, note. Nothing is written until you press Import.</source>
            <translation>Spalten: Karten-ID, Status, gültig bis, Gruppe, gleichzeitige Ladevorgänge, Besitzer, Abteilung, E-Mail, Telefon, Notiz. Erst wenn Sie auf Importieren klicken, wird etwas geschrieben.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>Import</source>
            <translation>Importieren</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>Import %n card(s)</source>
            <translation>
                <numerusform>%n Karte importieren</numerusform>
                <numerusform>%n Karten importieren</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>Import cards</source>
            <translation>Karten importieren</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>Imported: %n new card(s)</source>
            <translation>
                <numerusform>Importiert: %n neue Karte</numerusform>
                <numerusform>Importiert: %n neue Karten</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>No file chosen.</source>
            <translation>Keine Datei ausgewählt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>Reading %1…</source>
            <translation>%1 wird gelesen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>department</source>
            <translation>Abteilung</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>e-mail</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>group</source>
            <translation>Gruppe</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>no limit</source>
            <translation>unbegrenzt</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>owner</source>
            <translation>Fahrer</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>phone</source>
            <translation>Telefon</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>sessions at once</source>
            <translation>Ladevorgänge gleichzeitig</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>valid until</source>
            <translation>gültig bis</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>⚠ %n row(s) with problems will be skipped; fix the file and choose it again to import them.</source>
            <translation>
                <numerusform>⚠ %n Zeile mit Problemen wird übersprungen. Korrigieren Sie die Datei und wählen Sie sie erneut aus, um sie zu importieren.</numerusform>
                <numerusform>⚠ %n Zeilen mit Problemen werden übersprungen. Korrigieren Sie die Datei und wählen Sie sie erneut aus, um sie zu importieren.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>⚠ Nothing was imported: %1</source>
            <translation>⚠ Es wurde nichts importiert: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>⚠ The file could not be read: %1</source>
            <translation>⚠ Die Datei konnte nicht gelesen werden: %1</translation>
        </message>
    </context>
    <context>
        <name>ImportPreviewModel</name>
        <message>
            <location filename="../../console/ui/cards/import_preview.py" />
            <source>Card</source>
            <translation>Karte</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_preview.py" />
            <source>Changed</source>
            <translation>Geändert</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_preview.py" />
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_preview.py" />
            <source>Line</source>
            <translation>Zeile</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_preview.py" />
            <source>New card</source>
            <translation>Neue Karte</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_preview.py" />
            <source>New person</source>
            <translation>Neue Person</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_preview.py" />
            <source>Problem: skipped</source>
            <translation>Problem: übersprungen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/import_preview.py" />
            <source>What</source>
            <translation>Was</translation>
        </message>
    </context>
    <context>
        <name>Interruptions</name>
        <message>
            <location filename="../../console/ui/interruptions.py" />
            <source>an unknown card</source>
            <translation>eine unbekannte Karte</translation>
        </message>
        <message>
            <location filename="../../console/ui/interruptions.py" />
            <source>and</source>
            <translation>und</translation>
        </message>
        <message>
            <location filename="../../console/ui/interruptions.py" />
            <source>kWh</source>
            <translation>kWh</translation>
        </message>
        <message>
            <location filename="../../console/ui/interruptions.py" />
            <source>running %1</source>
            <translation>läuft seit %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/interruptions.py" />
            <source>the session of %1 on %2, connector %3</source>
            <translation>den Ladevorgang von %1 an %2, Ladepunkt %3</translation>
        </message>
        <message>
            <location filename="../../console/ui/interruptions.py" />
            <source>the session on %1, connector %2</source>
            <translation>den Ladevorgang an %1, Ladepunkt %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/interruptions.py" />
            <source>the sessions on %1</source>
            <translation>die Ladevorgänge an %1</translation>
        </message>
    </context>
    <context>
        <name>LanguageMenu</name>
        <message>
            <location filename="../../console/ui/translations.py" />
            <source>La&amp;nguage</source>
            <translation>Sp&amp;rache</translation>
        </message>
        <message>
            <location filename="../../console/ui/translations.py" />
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <location filename="../../console/ui/translations.py" />
            <source>System language</source>
            <translation>Systemsprache</translation>
        </message>
        <message>
            <location filename="../../console/ui/translations.py" />
            <source>The console shows the new language when it starts next time.</source>
            <translation>Die Konsole zeigt die neue Sprache beim nächsten Start.</translation>
        </message>
    </context>
    <context>
        <name>LicenceTextsDialog</name>
        <message>
            <location filename="../../console/ui/about.py" />
            <source>Licence texts</source>
            <translation>Lizenztexte</translation>
        </message>
    </context>
    <context>
        <name>LocalListBox</name>
        <message>
            <location filename="../../console/ui/technician/local_list_box.py" />
            <source> that said it has no local list)</source>
            <translation> die gemeldet hat, keine lokale Liste zu haben)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/local_list_box.py" />
            <source>Choose a charger.</source>
            <translation>Wählen Sie eine Ladestation.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/local_list_box.py" />
            <source>Holds at most %1 cards.</source>
            <translation>Fasst höchstens %1 Karten.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/local_list_box.py" />
            <source>Local authorization list</source>
            <translation>Lokale Autorisierungsliste</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/local_list_box.py" />
            <source>Not sent yet: the list goes when the charger boots or cards change.</source>
            <translation>Noch nicht gesendet: Die Liste wird gesendet, wenn die Ladestation startet oder sich Karten ändern.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/local_list_box.py" />
            <source>Replace the charger's list with every card now (asks again a charger</source>
            <translation>Ersetzt die Liste der Ladestation jetzt durch alle Karten (fragt auch eine Ladestation erneut,</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/local_list_box.py" />
            <source>Send full list</source>
            <translation>Vollständige Liste senden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/local_list_box.py" />
            <source>Sending the list…</source>
            <translation>Liste wird gesendet…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/local_list_box.py" />
            <source>The list could not be sent: %1</source>
            <translation>Die Liste konnte nicht gesendet werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/local_list_box.py" />
            <source>This charger has no local list (it said so); it is asked again when it boots.</source>
            <translation>Diese Ladestation hat keine lokale Liste (laut eigener Meldung); sie wird beim nächsten Start erneut gefragt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/local_list_box.py" />
            <source>Version %1, sent %2.</source>
            <translation>Version %1, gesendet: %2.</translation>
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <location filename="../../console/ui/staff/lock.py" />
            <source>Back</source>
            <translation>Zurück</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/lock.py" />
            <source>ChargeDesk</source>
            <translation>ChargeDesk</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/lock.py" />
            <source>Locked: %1</source>
            <translation>Gesperrt: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/lock.py" />
            <source>Switch user</source>
            <translation>Benutzer wechseln</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/lock.py" />
            <source>Unlock as the person who was at the desk</source>
            <translation>Als die Person entsperren, die am Empfang war</translation>
        </message>
    </context>
    <context>
        <name>Login</name>
        <message>
            <location filename="../../console/ui/staff/login.py" />
            <source>Demo site: log in as %1</source>
            <translation>Demo-Standort: als %1 anmelden</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <location filename="../../console/ui/staff/login.py" />
            <source>ChargeDesk — log in</source>
            <translation>ChargeDesk — Anmeldung</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/login.py" />
            <source>Quit ChargeDesk</source>
            <translation>ChargeDesk beenden</translation>
        </message>
    </context>
    <context>
        <name>LoginForm</name>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Log in</source>
            <translation>Anmelden</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Type your username and your password.</source>
            <translation>Geben Sie Ihren Benutzernamen und Ihr Passwort ein.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Username</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>Who is at the desk?</source>
            <translation>Wer ist am Empfang?</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source> · wss:// on port %1</source>
            <translation> · wss:// auf Port %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source> — demo</source>
            <translation> — Demo</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/main_window.py" />
            <source>%n charger(s) connected</source>
            <translation>
                <numerusform>%n Ladestation verbunden</numerusform>
                <numerusform>%n Ladestationen verbunden</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>&amp;Billing</source>
            <translation>&amp;Abrechnung</translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>&amp;Charger</source>
            <translation>&amp;Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>&amp;Overview</source>
            <translation>Übersi&amp;cht</translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>&amp;Reports</source>
            <translation>&amp;Berichte</translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>&amp;Sessions</source>
            <translation>Ladevor&amp;gänge</translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>&amp;Technician</source>
            <translation>&amp;Technik</translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>A&amp;dmin</source>
            <translation>&amp;Verwaltung</translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>C&amp;ards</source>
            <translation>&amp;Karten</translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>ChargeDesk</source>
            <translation>ChargeDesk</translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>Chargers connect to: </source>
            <translation>Adresse für Ladestationen: </translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>Data: </source>
            <translation>Daten: </translation>
        </message>
        <message>
            <location filename="../../console/ui/main_window.py" />
            <source>⚠ no update for %1 s</source>
            <translation>⚠ %1 s ohne Aktualisierung</translation>
        </message>
    </context>
    <context>
        <name>MessageBar</name>
        <message>
            <location filename="../../console/ui/message_bar.py" />
            <source>Dismiss (Esc)</source>
            <translation>Ausblenden (Esc)</translation>
        </message>
    </context>
    <context>
        <name>MessageDetail</name>
        <message>
            <location filename="../../console/ui/technician/message_detail.py" />
            <source>Too large to keep whole: {omitted} of {total} bytes were left out (where is marked at the end).</source>
            <translation>Zu groß, um vollständig gespeichert zu werden: {omitted} von {total} Bytes wurden weggelassen (die Stelle ist am Ende markiert).</translation>
        </message>
    </context>
    <context>
        <name>MessageDetailPane</name>
        <message>
            <location filename="../../console/ui/technician/message_detail.py" />
            <source>An unreadable frame has no partner.</source>
            <translation>Ein unlesbarer Frame hat kein Gegenstück.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_detail.py" />
            <source>Call</source>
            <translation>Aufruf</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_detail.py" />
            <source>Choose a message to see it here.</source>
            <translation>Wählen Sie eine Nachricht, um sie hier zu sehen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_detail.py" />
            <source>Go to partner</source>
            <translation>Zum Gegenstück</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_detail.py" />
            <source>Looking for its partner…</source>
            <translation>Gegenstück wird gesucht…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_detail.py" />
            <source>No reply was logged for this call.</source>
            <translation>Für diesen Aufruf wurde keine Antwort protokolliert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_detail.py" />
            <source>Reply</source>
            <translation>Antwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_detail.py" />
            <source>Select the other half of this call/reply pair</source>
            <translation>Die andere Hälfte dieses Aufruf/Antwort-Paars auswählen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_detail.py" />
            <source>The call of this reply is no longer in the log.</source>
            <translation>Der Aufruf zu dieser Antwort ist nicht mehr im Protokoll.</translation>
        </message>
    </context>
    <context>
        <name>MessageFilterBar</name>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>Action (for replies: the action of their call)</source>
            <translation>Aktion (bei Antworten: die Aktion ihres Aufrufs)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>All actions</source>
            <translation>Alle Aktionen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>All chargers</source>
            <translation>Alle Ladestationen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>All types</source>
            <translation>Alle Typen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>Both directions</source>
            <translation>Beide Richtungen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>Calls</source>
            <translation>Aufrufe</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>Direction</source>
            <translation>Richtung</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>From</source>
            <translation>Von</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>Message type</source>
            <translation>Nachrichtentyp</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>Replies</source>
            <translation>Antworten</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>Search payload or message id (Ctrl+F)</source>
            <translation>Nutzdaten oder Nachrichten-ID suchen (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>Time in %1</source>
            <translation>Zeit in %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>to</source>
            <translation>bis</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>↑ to charger</source>
            <translation>↑ an die Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>↓ from charger</source>
            <translation>↓ von der Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_filter.py" />
            <source>✖ Errors</source>
            <translation>✖ Fehler</translation>
        </message>
    </context>
    <context>
        <name>MessageLog</name>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>Action</source>
            <translation>Aktion</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>Call</source>
            <translation>Aufruf</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>Direction</source>
            <translation>Richtung</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>Latency ms</source>
            <translation>Latenz ms</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>Message id</source>
            <translation>Nachrichten-ID</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>Payload</source>
            <translation>Nutzdaten</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>Reply</source>
            <translation>Antwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>The answer refused or reports a failure</source>
            <translation>Die Antwort lehnt ab oder meldet einen Fehler</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>The frame failed: an error reply or an unreadable frame</source>
            <translation>Der Frame ist fehlgeschlagen: eine Fehlerantwort oder ein unlesbarer Frame</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>↑ to charger</source>
            <translation>↑ an die Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>↓ from charger</source>
            <translation>↓ von der Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>✖ Error</source>
            <translation>✖ Fehler</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/message_model.py" />
            <source>✖ Unreadable</source>
            <translation>✖ Unlesbar</translation>
        </message>
    </context>
    <context>
        <name>MessageLogPage</name>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>%1 matching frames</source>
            <translation>%1 passende Frames</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>%1 new frames — Show</source>
            <translation>%1 neue Frames — Anzeigen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>1 new frame — Show</source>
            <translation>1 neuer Frame — Anzeigen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Clear filter</source>
            <translation>Filter zurücksetzen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Export JSON lines…</source>
            <translation>JSON Lines exportieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Export cancelled; nothing was written.</source>
            <translation>Export abgebrochen; nichts wurde geschrieben.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Export failed: %1</source>
            <translation>Export fehlgeschlagen: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Export in &amp;UTC</source>
            <translation>In &amp;UTC exportieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Export the messages shown</source>
            <translation>Angezeigte Nachrichten exportieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Exported %1 frames to %2</source>
            <translation>%1 Frames nach %2 exportiert</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Exporting messages…</source>
            <translation>Nachrichten werden exportiert…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Insert the new frames and follow the log again</source>
            <translation>Die neuen Frames einfügen und dem Protokoll wieder folgen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>JSON lines (*.jsonl);;All files (*)</source>
            <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Newest %1 matching frames; scroll down for older ones</source>
            <translation>Neueste %1 passende Frames; für ältere nach unten scrollen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Paused: no new frames yet</source>
            <translation>Angehalten: noch keine neuen Frames</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Reading the log…</source>
            <translation>Protokoll wird gelesen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Save every frame the filter matches</source>
            <translation>Alle Frames speichern, auf die der Filter passt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Stop adding new frames while you read</source>
            <translation>Keine neuen Frames hinzufügen, während Sie lesen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>That frame is beyond the rows kept loaded.</source>
            <translation>Dieser Frame liegt außerhalb der geladenen Zeilen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>The log cannot be read: %1</source>
            <translation>Das Protokoll kann nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>Write the frames' times in UTC instead of the site's time zone</source>
            <translation>Die Zeiten der Frames in UTC statt in der Zeitzone des Standorts schreiben</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>▶ Resume</source>
            <translation>▶ Fortsetzen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/messages.py" />
            <source>❚❚ Pause</source>
            <translation>❚❚ Anhalten</translation>
        </message>
    </context>
    <context>
        <name>NewApiTokenDialog</name>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>A script using this token may do what these roles allow; what it does is in the audit log under the token's name.</source>
            <translation>Ein Skript mit diesem Token darf, was diese Rollen erlauben; was es tut, steht im Änderungsprotokoll unter dem Namen des Tokens.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>API token “%1”</source>
            <translation>API-Token „%1“</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>ChargeDesk did not answer in time.</source>
            <translation>ChargeDesk hat nicht rechtzeitig geantwortet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>Copied to the clipboard.</source>
            <translation>In die Zwischenablage kopiert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>Copy this token now. ChargeDesk shows it only this once and keeps only a fingerprint of it: if it is lost, revoke the token and make a new one. Anyone holding it can act with its roles, so keep it where only the script can read it.</source>
            <translation>Kopieren Sie dieses Token jetzt. ChargeDesk zeigt es nur dieses eine Mal und speichert nur einen Fingerabdruck davon: Geht es verloren, widerrufen Sie das Token und erstellen Sie ein neues. Wer es besitzt, kann mit seinen Rollen handeln; bewahren Sie es daher so auf, dass nur das Skript es lesen kann.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>Create token</source>
            <translation>Token erstellen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>Expires</source>
            <translation>Läuft ab</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>I have copied it: close</source>
            <translation>Ich habe es kopiert: schließen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>New API token</source>
            <translation>Neues API-Token</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>Roles</source>
            <translation>Rollen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>The token “%1” is made (%2; expires: %3). Its secret:</source>
            <translation>Das Token „%1“ wurde erstellt (%2; läuft ab: %3). Sein Geheimnis:</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>in %1 days</source>
            <translation>in %1 Tagen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>never</source>
            <translation>nie</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/api_token_dialog.py" />
            <source>which script uses it, e.g. nightly export</source>
            <translation>welches Skript es nutzt, z. B. nächtlicher Export</translation>
        </message>
    </context>
    <context>
        <name>OutcomeBanner</name>
        <message>
            <location filename="../../console/ui/message_bar.py" />
            <source>%1 — %2: waiting for the charger…</source>
            <translation>%1 — %2: Warten auf die Ladestation…</translation>
        </message>
    </context>
    <context>
        <name>Overview</name>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>%1 is offline (last seen %2): commands cannot reach it</source>
            <translation>%1 ist offline (zuletzt gesehen %2): Befehle erreichen sie nicht</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>%1 is waiting for approval</source>
            <translation>%1 wartet auf Freigabe</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>%1 min ago</source>
            <translation>vor %1 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>%1 s ago</source>
            <translation>vor %1 s</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>%1 was rejected</source>
            <translation>%1 wurde abgelehnt</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>A session is already running on this connector</source>
            <translation>An diesem Ladepunkt läuft bereits ein Ladevorgang</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Address %1</source>
            <translation>Adresse %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Ask the charger to end the session (asks first, naming whose it is)</source>
            <translation>Die Ladestation bitten, den Ladevorgang zu beenden (fragt vorher nach und nennt, wem er gehört)</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Ask the charger to start a session for a card; the message says when it started, or why not</source>
            <translation>Die Ladestation bitten, einen Ladevorgang für eine Karte zu starten; die Meldung sagt, wann er gestartet ist oder warum nicht</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>Car full</source>
            <translation>Fahrzeug voll</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/model.py" />
            <source>Firmware %1</source>
            <translation>Firmware %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Hard reset</source>
            <translation>Neustart (hart)</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Let the whole charger take sessions again</source>
            <translation>Die ganze Ladestation wieder Ladevorgänge annehmen lassen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Let this connector take sessions again</source>
            <translation>Diesen Ladepunkt wieder Ladevorgänge annehmen lassen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Make charger available</source>
            <translation>Ladestation verfügbar machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Make charger unavailable</source>
            <translation>Ladestation nicht verfügbar machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Make connector available</source>
            <translation>Ladepunkt verfügbar machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Make connector unavailable</source>
            <translation>Ladepunkt nicht verfügbar machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>No session is running on this connector</source>
            <translation>An diesem Ladepunkt läuft kein Ladevorgang</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>Not drawing power</source>
            <translation>Keine Leistungsaufnahme</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Release the cable of this connector</source>
            <translation>Das Kabel dieses Ladepunkts freigeben</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Restart the charger after ending its sessions (asks first)</source>
            <translation>Die Ladestation nach Beenden ihrer Ladevorgänge neu starten (fragt vorher nach)</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Restart the charger at once, cutting power (asks first)</source>
            <translation>Die Ladestation sofort neu starten, mit Unterbrechung der Stromversorgung (fragt vorher nach)</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Select a connector in the table first</source>
            <translation>Wählen Sie zuerst einen Ladepunkt in der Tabelle aus</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Soft reset</source>
            <translation>Neustart (sanft)</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Start a session for a driver without a card, billed as a visitor</source>
            <translation>Einen Ladevorgang für einen Fahrer ohne Karte starten, abgerechnet als Besucher</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Start for visitor…</source>
            <translation>Für Besucher starten…</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Start session…</source>
            <translation>Ladevorgang starten…</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Stop session</source>
            <translation>Ladevorgang beenden</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Take the whole charger out of use</source>
            <translation>Die ganze Ladestation außer Betrieb setzen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Take this connector out of use</source>
            <translation>Diesen Ladepunkt außer Betrieb setzen</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>The battery is at %1 % and the car takes no more energy.</source>
            <translation>Die Batterie ist bei %1 %, und das Fahrzeug nimmt keine Energie mehr auf.</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>The car stopped taking energy (the charger reports Suspended by car).</source>
            <translation>Das Fahrzeug nimmt keine Energie mehr auf (die Ladestation meldet Suspended by car).</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>The charger reports Charging, but the car has drawn no power for %1.</source>
            <translation>Die Ladestation meldet Charging, aber das Fahrzeug hat seit %1 keine Leistung aufgenommen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>The connector is %1</source>
            <translation>Der Ladepunkt ist %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>This charger has reported no connectors yet</source>
            <translation>Diese Ladestation hat noch keine Ladepunkte gemeldet</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/row_actions.py" />
            <source>Unlock</source>
            <translation>Entriegeln</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>just now</source>
            <translation>gerade eben</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/format.py" />
            <source>never</source>
            <translation>nie</translation>
        </message>
    </context>
    <context>
        <name>OverviewView</name>
        <message>
            <location filename="../../console/ui/overview/view.py" />
            <source>%1 connectors</source>
            <translation>%1 Ladepunkte</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/view.py" />
            <source>%1 of %2 connectors</source>
            <translation>%1 von %2 Ladepunkten</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/view.py" />
            <source>Ctrl+F to filter, Esc to clear</source>
            <translation>Ctrl+F zum Filtern, Esc zum Leeren</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/view.py" />
            <source>Filter by charger, status, card, name or problem</source>
            <translation>Nach Ladestation, Status, Karte, Name oder Problem filtern</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/view.py" />
            <source>No charger has connected yet. Point a charger at the address shown in the status bar; it appears here as soon as it connects.</source>
            <translation>Es hat sich noch keine Ladestation verbunden. Richten Sie eine Ladestation auf die Adresse in der Statusleiste aus; sie erscheint hier, sobald sie sich verbindet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/view.py" />
            <source>Only problems</source>
            <translation>Nur Probleme</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/view.py" />
            <source>Show only faulted and offline connectors</source>
            <translation>Nur gestörte und Offline-Ladepunkte anzeigen</translation>
        </message>
    </context>
    <context>
        <name>People</name>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>%1 · visitor</source>
            <translation>%1 · Besucher</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>, no longer with us</source>
            <translation>, nicht mehr bei uns</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>Card %1</source>
            <translation>Karte %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>Loan card %1 of the visitors' group</source>
            <translation>Leihkarte %1 der Besuchergruppe</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>No owner registered for this card</source>
            <translation>Für diese Karte ist kein Fahrer registriert</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>Number plate: %1</source>
            <translation>Kennzeichen: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>One-time token %1</source>
            <translation>Einmal-Token %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>Owner: %1</source>
            <translation>Fahrer: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>Visitor</source>
            <translation>Besucher</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>Visitor · %1</source>
            <translation>Besucher · %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>Visitor: %1</source>
            <translation>Besucher: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>a visitor</source>
            <translation>einen Besucher</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>a visitor (loan card %1)</source>
            <translation>ein Besucher (Leihkarte %1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>card %1</source>
            <translation>Karte %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/people_names.py" />
            <source>visitor %1</source>
            <translation>Besucher %1</translation>
        </message>
    </context>
    <context>
        <name>PeoplePanel</name>
        <message>
            <location filename="../../console/ui/cards/people.py" />
            <source>&lt;b&gt;People&lt;/b&gt;</source>
            <translation>&lt;b&gt;Personen&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/people.py" />
            <source>Add person…</source>
            <translation>Person hinzufügen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/people.py" />
            <source>Edit…</source>
            <translation>Bearbeiten…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/people.py" />
            <source>History…</source>
            <translation>Verlauf…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/people.py" />
            <source>Sessions charged with this person's cards</source>
            <translation>Ladevorgänge mit den Karten dieser Person</translation>
        </message>
    </context>
    <context>
        <name>PeopleTableModel</name>
        <message>
            <location filename="../../console/ui/cards/people.py" />
            <source>Cards</source>
            <translation>Karten</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/people.py" />
            <source>Department</source>
            <translation>Abteilung</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/people.py" />
            <source>Department or cost centre</source>
            <translation>Abteilung oder Kostenstelle</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/people.py" />
            <source>E-mail</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/people.py" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/people.py" />
            <source>Phone</source>
            <translation>Telefon</translation>
        </message>
    </context>
    <context>
        <name>PersonDialog</name>
        <message>
            <location filename="../../console/ui/cards/person_dialog.py" />
            <source>&amp;Department or cost centre:</source>
            <translation>&amp;Abteilung oder Kostenstelle:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/person_dialog.py" />
            <source>&amp;E-mail:</source>
            <translation>&amp;E-Mail:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/person_dialog.py" />
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/person_dialog.py" />
            <source>&amp;Phone:</source>
            <translation>&amp;Telefon:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/person_dialog.py" />
            <source>A person needs a name.</source>
            <translation>Eine Person braucht einen Namen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/person_dialog.py" />
            <source>Edit person</source>
            <translation>Person bearbeiten</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/person_dialog.py" />
            <source>First and last name</source>
            <translation>Vor- und Nachname</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/person_dialog.py" />
            <source>N&amp;ote:</source>
            <translation>N&amp;otiz:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/person_dialog.py" />
            <source>New person</source>
            <translation>Neue Person</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/person_dialog.py" />
            <source>The person could not be saved: %1</source>
            <translation>Die Person konnte nicht gespeichert werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/person_dialog.py" />
            <source>e.g. Radiology or CC-4100</source>
            <translation>z. B. Radiologie oder KST-4100</translation>
        </message>
    </context>
    <context>
        <name>PowerPlot</name>
        <message>
            <location filename="../../console/ui/plots/readout.py" />
            <source>%1 — no data</source>
            <translation>%1 – keine Daten</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/style.py" />
            <source>1 h</source>
            <translation>1 h</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/style.py" />
            <source>15 min</source>
            <translation>15 min</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/style.py" />
            <source>24 h</source>
            <translation>24 h</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/style.py" />
            <source>7 days</source>
            <translation>7 Tage</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/style.py" />
            <source>Connector %1</source>
            <translation>Ladepunkt %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/lines.py" />
            <source>Connectors (%1)</source>
            <translation>Ladepunkte (%1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/lines.py" />
            <source>Connectors: busiest %1 of %2</source>
            <translation>Ladepunkte: die %1 meistgenutzten von %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/readout.py" />
            <source>Now: charger %1</source>
            <translation>Jetzt: Ladestation %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/readout.py" />
            <source>Now: site %1</source>
            <translation>Jetzt: Standort %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/style.py" />
            <source>Power</source>
            <translation>Leistung</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/readout.py" />
            <source>charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/readout.py" />
            <source>site</source>
            <translation>Standort</translation>
        </message>
    </context>
    <context>
        <name>PowerPlotWidget</name>
        <message>
            <location filename="../../console/ui/plots/widget.py" />
            <source>Charger total</source>
            <translation>Summe der Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/widget.py" />
            <source>Draw a thin line per connector (the busiest %1 when there are more)</source>
            <translation>Eine dünne Linie pro Ladepunkt zeichnen (die %1 meistgenutzten, wenn es mehr gibt)</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/widget.py" />
            <source>Loading stored power…</source>
            <translation>Gespeicherte Leistung wird geladen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/widget.py" />
            <source>Per connector</source>
            <translation>Pro Ladepunkt</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/widget.py" />
            <source>Site total</source>
            <translation>Summe des Standorts</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/widget.py" />
            <source>⚠ Stored power could not be read: %1</source>
            <translation>⚠ Gespeicherte Leistung konnte nicht gelesen werden: %1</translation>
        </message>
    </context>
    <context>
        <name>QApplication</name>
        <message>
            <location filename="../../console/ui/attach.py" />
            <source>%1 showed a certificate this desk does not trust (%2).

If the site's certificate authority was replaced on purpose, delete %3 and connect again to compare the new fingerprint; otherwise ask the site's admin.</source>
            <translation>%1 hat ein Zertifikat vorgelegt, dem dieser Arbeitsplatz nicht vertraut (%2).

Wenn die Zertifizierungsstelle des Standorts absichtlich ersetzt wurde, löschen Sie %3 und verbinden Sie sich erneut, um den neuen Fingerabdruck zu vergleichen; andernfalls wenden Sie sich an den Administrator des Standorts.</translation>
        </message>
        <message>
            <location filename="../../console/ui/attach.py" />
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/attach.py" />
            <source>ChargeDesk cannot connect</source>
            <translation>ChargeDesk kann keine Verbindung herstellen</translation>
        </message>
        <message>
            <location filename="../../console/ui/console_app.py" />
            <source>ChargeDesk cannot start</source>
            <translation>ChargeDesk kann nicht starten</translation>
        </message>
        <message>
            <location filename="../../console/ui/attach.py" />
            <source>ChargeDesk's engine stopped unexpectedly (exit code %1); it starts again now. Log in again when asked.</source>
            <translation>Der Dienst von ChargeDesk wurde unerwartet beendet (Exit-Code %1); er startet jetzt neu. Melden Sie sich erneut an, wenn Sie dazu aufgefordert werden.</translation>
        </message>
        <message>
            <location filename="../../console/ui/console_app.py" />
            <source>The OCPP port %1 cannot be opened: %2

Is ChargeDesk already running?</source>
            <translation>Der OCPP-Port %1 kann nicht geöffnet werden: %2

Läuft ChargeDesk bereits?</translation>
        </message>
        <message>
            <location filename="../../console/ui/attach.py" />
            <source>The engine could not start again: %1</source>
            <translation>Der Dienst konnte nicht neu gestartet werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/attach.py" />
            <source>The engine stopped</source>
            <translation>Der Dienst wurde beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/attach.py" />
            <source>This is the first time this desk connects to %1.

The site's certificate authority has the SHA-256 fingerprint

%2

Compare it with the one the site PC shows (Technician → Security, or 'chargedesk ca show' there). Trust it only if they are the same.</source>
            <translation>Dieser Arbeitsplatz verbindet sich zum ersten Mal mit %1.

Die Zertifizierungsstelle des Standorts hat den SHA-256-Fingerabdruck

%2

Vergleichen Sie ihn mit dem Fingerabdruck, den der Standort-PC anzeigt (Technik → Sicherheit oder dort 'chargedesk ca show'). Vertrauen Sie ihm nur, wenn beide gleich sind.</translation>
        </message>
        <message>
            <location filename="../../console/ui/attach.py" />
            <source>Trust this site?</source>
            <translation>Diesem Standort vertrauen?</translation>
        </message>
    </context>
    <context>
        <name>RawCalls</name>
        <message>
            <location filename="../../console/services/raw_calls.py" />
            <source>not JSON: %1 (line %2, column %3)</source>
            <translation>kein JSON: %1 (Zeile %2, Spalte %3)</translation>
        </message>
        <message>
            <location filename="../../console/services/raw_calls.py" />
            <source>the payload must be a JSON object { … }</source>
            <translation>die Nutzdaten müssen ein JSON-Objekt { … } sein</translation>
        </message>
    </context>
    <context>
        <name>RefusedCardsModel</name>
        <message>
            <location filename="../../console/ui/cards/refused.py" />
            <source>Card</source>
            <translation>Karte</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/refused.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/refused.py" />
            <source>First refused %1</source>
            <translation>Zuerst abgelehnt %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/refused.py" />
            <source>Last answer</source>
            <translation>Letzte Antwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/refused.py" />
            <source>Last time</source>
            <translation>Letztes Mal</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/refused.py" />
            <source>Times</source>
            <translation>Anzahl</translation>
        </message>
    </context>
    <context>
        <name>RefusedCardsPanel</name>
        <message numerus="yes">
            <location filename="../../console/ui/cards/refused.py" />
            <source>%n not registered</source>
            <translation>
                <numerusform>%n nicht registriert</numerusform>
                <numerusform>%n nicht registriert</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/refused.py" />
            <source>&lt;b&gt;Refused cards&lt;/b&gt;</source>
            <translation>&lt;b&gt;Abgelehnte Karten&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/refused.py" />
            <source>Edit card…</source>
            <translation>Karte bearbeiten…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/refused.py" />
            <source>Register the selected card (double-click does the same)</source>
            <translation>Die ausgewählte Karte registrieren (Doppelklick bewirkt dasselbe)</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/refused.py" />
            <source>Register…</source>
            <translation>Registrieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/refused.py" />
            <source>none yet</source>
            <translation>noch keine</translation>
        </message>
    </context>
    <context>
        <name>ReportBarChartWidget</name>
        <message>
            <location filename="../../console/ui/reports/bar_chart.py" />
            <source>No report yet</source>
            <translation>Noch kein Bericht</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/bar_chart.py" />
            <source>Nothing to show for this period</source>
            <translation>Für diesen Zeitraum gibt es nichts anzuzeigen</translation>
        </message>
    </context>
    <context>
        <name>ReportFiles</name>
        <message>
            <location filename="../../console/ui/reports/files.py" />
            <source>%1 could not be written:
%2</source>
            <translation>%1 konnte nicht geschrieben werden:
%2</translation>
        </message>
    </context>
    <context>
        <name>Reports</name>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source> (finished sessions, by the day they started). Here: </source>
            <translation> (abgeschlossene Ladevorgänge, nach ihrem Starttag). Hier: </translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source> — the same total when rounded.</source>
            <translation> – gerundet dieselbe Summe.</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source> — the same total: every session of the period is finished.</source>
            <translation> – dieselbe Summe: Alle Ladevorgänge des Zeitraums sind abgeschlossen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>%1 charged after the period by sessions started in it</source>
            <translation>%1 nach dem Zeitraum geladen von Ladevorgängen, die darin begannen</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>%1 of readings that cannot be true (not placed)</source>
            <translation>%1 aus Messwerten, die nicht stimmen können (nicht zugeordnet)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>%1 of sessions still running</source>
            <translation>%1 aus noch laufenden Ladevorgängen</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>%1 of sessions that started before the period</source>
            <translation>%1 aus Ladevorgängen, die vor dem Zeitraum begannen</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>%n billed session(s)</source>
            <translation>
                <numerusform>%n abgerechneter Ladevorgang</numerusform>
                <numerusform>%n abgerechnete Ladevorgänge</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>%n session(s)</source>
            <translation>
                <numerusform>%n Ladevorgang</numerusform>
                <numerusform>%n Ladevorgänge</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>(no group)</source>
            <translation>(keine Gruppe)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Card group</source>
            <translation>Kartengruppe</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/utilisation_model.py" />
            <location filename="../../console/ui/reports/words.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/utilisation_model.py" />
            <source>Charging</source>
            <translation>Ladezeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/utilisation_model.py" />
            <source>Charging %1 h of the period (%2)</source>
            <translation>Laden: %1 h des Zeitraums (%2)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/utilisation_model.py" />
            <source>Charging (h)</source>
            <translation>Laden (h)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/utilisation_model.py" />
            <source>Connector</source>
            <translation>Ladepunkt</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Counts finished sessions, each whole in the period it started (its bill cannot be split); a running session counts once it stops. Peak hours places energy in the hours it flowed, running sessions included, so its total can differ.</source>
            <translation>Zählt abgeschlossene Ladevorgänge, jeden vollständig im Zeitraum seines Beginns (seine Abrechnung lässt sich nicht teilen); ein laufender Ladevorgang zählt, sobald er endet. „Spitzenzeiten“ ordnet die Energie den Stunden zu, in denen sie floss, laufende Ladevorgänge eingeschlossen; die Summe kann daher abweichen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Custom dates</source>
            <translation>Eigener Zeitraum</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Day</source>
            <translation>Tag</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Energy (kWh)</source>
            <translation>Energie (kWh)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Energy report for the same period: %1</source>
            <translation>Energiebericht für denselben Zeitraum: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_model.py" />
            <source>Finished sessions that have no bill: no tariff applies to their card, or their meter readings wait for staff to review them. Their energy is counted here, their revenue is not. Free sessions (a tariff at 0) have a bill and are not counted.</source>
            <translation>Abgeschlossene Ladevorgänge ohne Abrechnung: Für ihre Karte gilt kein Tarif, oder ihre Zählerstände warten auf Prüfung durch das Personal. Ihre Energie wird hier gezählt, ihr Umsatz nicht. Kostenlose Ladevorgänge (Tarif zu 0) haben eine Abrechnung und werden nicht gezählt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Last 30 days</source>
            <translation>Letzte 30 Tage</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Last 7 days</source>
            <translation>Letzte 7 Tage</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Last month</source>
            <translation>Letzter Monat</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Month</source>
            <translation>Monat</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/utilisation_model.py" />
            <source>Occupied</source>
            <translation>Belegt</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/utilisation_model.py" />
            <source>Occupied (a car plugged in) %1 h of the period (%2)</source>
            <translation>Belegt (Fahrzeug angesteckt): %1 h des Zeitraums (%2)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/utilisation_model.py" />
            <source>Occupied (h)</source>
            <translation>Belegt (h)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Revenue</source>
            <translation>Umsatz</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Revenue (%1)</source>
            <translation>Umsatz (%1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Sessions</source>
            <translation>Ladevorgänge</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>This month</source>
            <translation>Dieser Monat</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>This year</source>
            <translation>Dieses Jahr</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/utilisation_model.py" />
            <source>Time a car was plugged in: preparing, charging, suspended or finishing</source>
            <translation>Zeit, in der ein Fahrzeug angesteckt war: vorbereitend, ladend, pausiert oder abschließend</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_model.py" />
            <source>Total</source>
            <translation>Summe</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>W%1</source>
            <translation>KW%1</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Week</source>
            <translation>Woche</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/words.py" />
            <source>Week %1, %2</source>
            <translation>KW %1, %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/energy_model.py" />
            <source>Without bill</source>
            <translation>Ohne Abrechnung</translation>
        </message>
    </context>
    <context>
        <name>ReportsPeriodBar</name>
        <message>
            <location filename="../../console/ui/reports/period_bar.py" />
            <source>&amp;Period:</source>
            <translation>&amp;Zeitraum:</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/period_bar.py" />
            <source>From:</source>
            <translation>Von:</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/period_bar.py" />
            <source>To:</source>
            <translation>Bis:</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/period_bar.py" />
            <source>Working…</source>
            <translation>Wird bearbeitet…</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/period_bar.py" />
            <source>⚠ From is after To</source>
            <translation>⚠ Von liegt nach Bis</translation>
        </message>
    </context>
    <context>
        <name>ReportsView</name>
        <message>
            <location filename="../../console/ui/reports/view.py" />
            <source>Energy, sessions and revenue</source>
            <translation>Energie, Ladevorgänge und Umsatz</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/view.py" />
            <source>Monthly statements</source>
            <translation>Monatsabrechnungen</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/view.py" />
            <source>Peak hours and utilisation</source>
            <translation>Spitzenzeiten und Auslastung</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/view.py" />
            <source>Reports</source>
            <translation>Berichte</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/view.py" />
            <source>Saved %1</source>
            <translation>%1 gespeichert</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/view.py" />
            <source>Writing %1…</source>
            <translation>%1 wird geschrieben…</translation>
        </message>
    </context>
    <context>
        <name>ResetPasswordDialog</name>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Again</source>
            <translation>Wiederholen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>New password</source>
            <translation>Neues Passwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>New password for %1</source>
            <translation>Neues Passwort für %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Tell %1 this password; they choose their own at their next login.</source>
            <translation>Teilen Sie %1 dieses Passwort mit; bei der nächsten Anmeldung wird ein eigenes gewählt.</translation>
        </message>
    </context>
    <context>
        <name>ReviewReadingsButton</name>
        <message>
            <location filename="../../console/ui/sessions/review_readings.py" />
            <source>Decide whether the selected session's implausible readings count</source>
            <translation>Entscheiden, ob die unplausiblen Zählerstände des gewählten Ladevorgangs zählen</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/review_readings.py" />
            <source>Review readings…</source>
            <translation>Zählerstände prüfen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/review_readings.py" />
            <source>Session %1: the implausible readings are kept.</source>
            <translation>Ladevorgang %1: Die unplausiblen Zählerstände werden behalten.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/review_readings.py" />
            <source>Session %1: the implausible readings are left out.</source>
            <translation>Ladevorgang %1: Die unplausiblen Zählerstände werden weggelassen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/review_readings.py" />
            <source>⚠ No decision stored for session %2: %1</source>
            <translation>⚠ Keine Entscheidung für Ladevorgang %2 gespeichert: %1</translation>
        </message>
    </context>
    <context>
        <name>ReviewReadingsDialog</name>
        <message>
            <location filename="../../console/ui/sessions/review_readings.py" />
            <source>Keep them</source>
            <translation>Behalten</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/review_readings.py" />
            <source>Leave them out</source>
            <translation>Weglassen</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/review_readings.py" />
            <source>Review readings of session %1</source>
            <translation>Zählerstände von Ladevorgang %1 prüfen</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/review_readings.py" />
            <source>Session %1 on %2, connector %3 (%4) has meter readings that cannot be true: the energy register went backwards, or rose faster than a connector can deliver.

Until you decide they count nowhere, and the session has no bill or receipt. Check the charger's meter (the message log shows every reading).

Leave them out: the bill uses only the plausible readings.
Keep them: the bill uses every reading as the charger sent it.</source>
            <translation>Ladevorgang %1 an %2, Ladepunkt %3 (%4), hat Zählerstände, die nicht stimmen können: Das Energieregister lief rückwärts oder stieg schneller, als ein Ladepunkt liefern kann.

Bis Sie entscheiden, zählen sie nirgends, und der Ladevorgang hat weder Kostenberechnung noch Beleg. Prüfen Sie den Zähler der Ladestation (das Nachrichtenprotokoll zeigt jeden Zählerstand).

Weglassen: Die Kostenberechnung nutzt nur die plausiblen Zählerstände.
Behalten: Die Kostenberechnung nutzt jeden Zählerstand so, wie die Ladestation ihn gesendet hat.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/review_readings.py" />
            <source>card %1</source>
            <translation>Karte %1</translation>
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <location filename="../../console/ui/staff/roles.py" />
            <source>%1 may not do this: it needs the %2 role. Ask an admin, or switch user.</source>
            <translation>%1 darf das nicht: Dafür ist die Rolle %2 nötig. Fragen Sie einen Administrator oder wechseln Sie den Benutzer.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/roles.py" />
            <source>Needs the %1 role: ask an admin</source>
            <translation>Erfordert die Rolle %1: Fragen Sie einen Administrator</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/roles.py" />
            <source>admin</source>
            <translation>Administrator</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/roles.py" />
            <source>desk</source>
            <translation>Empfang</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/roles.py" />
            <source>technician</source>
            <translation>Technik</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/roles.py" />
            <source>viewer</source>
            <translation>Betrachter</translation>
        </message>
    </context>
    <context>
        <name>RolesDialog</name>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Roles</source>
            <translation>Rollen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Roles of %1</source>
            <translation>Rollen von %1</translation>
        </message>
    </context>
    <context>
        <name>RunningSessions</name>
        <message>
            <location filename="../../console/ui/technician/running_sessions.py" />
            <source>A charger installs new firmware and restarts: it cannot charge meanwhile.</source>
            <translation>Eine Ladestation installiert neue Firmware und startet neu: Währenddessen kann sie nicht laden.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/running_sessions.py" />
            <source>No session is running on them now.</source>
            <translation>Dort läuft gerade kein Ladevorgang.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/running_sessions.py" />
            <source>Send firmware %1 to %2?</source>
            <translation>Firmware %1 an %2 senden?</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/running_sessions.py" />
            <source>Send firmware %1 to these %3 chargers: %2?</source>
            <translation>Firmware %1 an diese %3 Ladestationen senden: %2?</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/running_sessions.py" />
            <source>This interrupts:</source>
            <translation>Dies unterbricht:</translation>
        </message>
    </context>
    <context>
        <name>SecurityPage</name>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>%1 did not work: %2</source>
            <translation>%1 fehlgeschlagen: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>%1 is connected again on security profile %2.</source>
            <translation>%1 ist wieder mit Sicherheitsprofil %2 verbunden.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>%1 must now use %2.</source>
            <translation>%1 muss jetzt %2 verwenden.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>%1 was not moved up; it keeps working on its old profile.</source>
            <translation>%1 wurde nicht angehoben und arbeitet mit dem alten Profil weiter.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>%1 was refused: it needs the %2 role. Ask someone with that role to log in.</source>
            <translation>%1 wurde abgelehnt: Dafür ist die Rolle %2 nötig. Bitten Sie jemanden mit dieser Rolle, sich anzumelden.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>0 — no password, plain ws://</source>
            <translation>0 — kein Passwort, unverschlüsseltes ws://</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>1 — password over plain ws://</source>
            <translation>1 — Passwort über unverschlüsseltes ws://</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>2 — TLS (wss://) and a password</source>
            <translation>2 — TLS (wss://) und ein Passwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>3 — TLS with a charger certificate</source>
            <translation>3 — TLS mit Ladestationszertifikat</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Algorithm</source>
            <translation>Algorithmus</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>Central system root (site CA)</source>
            <translation>Stammzertifikat des Zentralsystems (Zertifizierungsstelle des Standorts)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Certificates on the charger</source>
            <translation>Zertifikate auf der Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Certificates the site CA issued to this charger</source>
            <translation>Von der Zertifizierungsstelle des Standorts für diese Ladestation ausgestellte Zertifikate</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>Connected</source>
            <translation>Verbunden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Connected now:</source>
            <translation>Jetzt verbunden:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>Critical</source>
            <translation>Kritisch</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Delete…</source>
            <translation>Löschen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Get installed certificates</source>
            <translation>Installierte Zertifikate abrufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Have the charger get its own certificate from the site CA</source>
            <translation>Die Ladestation ein eigenes Zertifikat von der Zertifizierungsstelle des Standorts beziehen lassen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>Information</source>
            <translation>Information</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Install site CA</source>
            <translation>Zertifizierungsstelle des Standorts installieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Install the site CA certificate on the charger</source>
            <translation>Das Zertifikat der Zertifizierungsstelle des Standorts auf der Ladestation installieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Install the site CA, set a new password and switch to profile 2 or 3</source>
            <translation>Zertifizierungsstelle des Standorts installieren, neues Passwort setzen und auf Profil 2 oder 3 umstellen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>InstallCertificate: the charger then trusts ChargeDesk's wss:// port</source>
            <translation>InstallCertificate: Die Ladestation vertraut dann dem wss://-Port von ChargeDesk</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Issued</source>
            <translation>Ausgestellt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Issuer key hash</source>
            <translation>Hash des Ausstellerschlüssels</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Issuer name hash</source>
            <translation>Hash des Ausstellernamens</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Lower the profile this charger must use to:
(recorded in the audit log)</source>
            <translation>Profil, das diese Ladestation verwenden muss, absenken auf:
(wird im Änderungsprotokoll festgehalten)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Lower the profile this charger must use; recorded in the audit log</source>
            <translation>Das Profil absenken, das diese Ladestation verwenden muss; wird im Änderungsprotokoll festgehalten</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>Manufacturer root</source>
            <translation>Stammzertifikat des Herstellers</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Move %1 down</source>
            <translation>%1 absenken</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Move down to profile %1</source>
            <translation>Auf Profil %1 absenken</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Move down…</source>
            <translation>Absenken…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Move down… (needs an admin)</source>
            <translation>Absenken… (erfordert Administrator)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Move up…</source>
            <translation>Anheben…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>Not connected</source>
            <translation>Nicht verbunden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Only a person with the admin role may lower a charger's profile</source>
            <translation>Nur eine Person mit der Rolle Administrator darf das Profil einer Ladestation absenken</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Reading the charger</source>
            <translation>Lesen der Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Refused connections and TLS handshakes are on the Connections page</source>
            <translation>Abgewiesene Verbindungen und TLS-Handshakes stehen auf der Seite Verbindungen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Request a charger certificate</source>
            <translation>Zertifikat für die Ladestation anfordern</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Required:</source>
            <translation>Erforderlich:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>SHA-256 fingerprint</source>
            <translation>SHA-256-Fingerabdruck</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Security events</source>
            <translation>Sicherheitsereignisse</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>Security profile</source>
            <translation>Sicherheitsprofil</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Serial</source>
            <translation>Seriennummer</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Serial number</source>
            <translation>Seriennummer</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Set a new generated password (AuthorizationKey)</source>
            <translation>Ein neues, erzeugtes Passwort setzen (AuthorizationKey)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Severity</source>
            <translation>Schweregrad</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Step “%1” failed. </source>
            <translation>Schritt „%1“ fehlgeschlagen. </translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Subject</source>
            <translation>Inhaber</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Switch the charger to security profile %1 (SecurityProfile)</source>
            <translation>Die Ladestation auf Sicherheitsprofil %1 umstellen (SecurityProfile)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Technical information</source>
            <translation>Technische Informationen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security.py" />
            <source>The charger makes a key and asks the site CA to sign it (for profile 3)</source>
            <translation>Die Ladestation erzeugt einen Schlüssel und lässt ihn von der Zertifizierungsstelle des Standorts signieren (für Profil 3)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Type</source>
            <translation>Typ</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_models.py" />
            <source>Valid</source>
            <translation>Gültig</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Wait for the charger to connect again on security profile %1</source>
            <translation>Warten, bis sich die Ladestation mit Sicherheitsprofil %1 erneut verbindet</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>Warning</source>
            <translation>Warnung</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>admin</source>
            <translation>Administrator</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>client certificate CN=%1</source>
            <translation>Client-Zertifikat CN=%1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>desk</source>
            <translation>Empfang</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_actions.py" />
            <source>done</source>
            <translation>erledigt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>expired on %1</source>
            <translation>abgelaufen am %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>from %1</source>
            <translation>von %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>no client certificate</source>
            <translation>kein Client-Zertifikat</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>not known</source>
            <translation>unbekannt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>profile %1</source>
            <translation>Profil %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>security profile %1</source>
            <translation>Sicherheitsprofil %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>technician</source>
            <translation>Technik</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>until %1 (%2 days left)</source>
            <translation>bis %1 (noch %2 Tage)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_words.py" />
            <source>viewer</source>
            <translation>Betrachter</translation>
        </message>
    </context>
    <context>
        <name>SecuritySettingsBox</name>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Lock the console after idle</source>
            <translation>Konsole bei Inaktivität sperren nach</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Plain ws:// port on (chargers on profile 0 or 1)</source>
            <translation>Unverschlüsselter ws://-Port aktiv (Ladestationen mit Profil 0 oder 1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Save settings</source>
            <translation>Einstellungen speichern</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Security settings</source>
            <translation>Sicherheitseinstellungen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Security settings not read: %1</source>
            <translation>Sicherheitseinstellungen konnten nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Security settings saved.</source>
            <translation>Sicherheitseinstellungen gespeichert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Settings not saved: %1</source>
            <translation>Einstellungen nicht gespeichert: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Takes effect at the next start.</source>
            <translation>Wird beim nächsten Start wirksam.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>The API also answers plain http:// on this PC (127.0.0.1, for scripts here)</source>
            <translation>Die API antwortet auf diesem PC auch über unverschlüsseltes http:// (127.0.0.1, für lokale Skripte)</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>The command line needs a staff login</source>
            <translation>Befehlszeile erfordert Anmeldung mit Benutzerkonto</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>The plain ports change at the next start.</source>
            <translation>Die unverschlüsselten Ports ändern sich beim nächsten Start.</translation>
        </message>
    </context>
    <context>
        <name>ServiceDialog</name>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>ChargeDesk did not answer in time.</source>
            <translation>ChargeDesk hat nicht rechtzeitig geantwortet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>The two passwords differ: type the password again.</source>
            <translation>Die beiden Passwörter stimmen nicht überein: Geben Sie das Passwort erneut ein.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>Type the password twice.</source>
            <translation>Geben Sie das Passwort zweimal ein.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/account_dialogs.py" />
            <source>at least %1 characters</source>
            <translation>mindestens %1 Zeichen</translation>
        </message>
    </context>
    <context>
        <name>ServiceReportDialog</name>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>Add note</source>
            <translation>Notiz hinzufügen</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>PDF files (*.pdf)</source>
            <translation>PDF-Dateien (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>Period:</source>
            <translation>Zeitraum:</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>Save PDF…</source>
            <translation>PDF speichern…</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>Save service report</source>
            <translation>Servicebericht speichern</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>Service report</source>
            <translation>Servicebericht</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>Technician's notes:</source>
            <translation>Notizen der Technik:</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>The charger the report is about</source>
            <translation>Die Ladestation, um die es im Bericht geht</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>What was found and done on this visit…</source>
            <translation>Was bei diesem Einsatz festgestellt und erledigt wurde…</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>Writing %1…</source>
            <translation>%1 wird geschrieben…</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>to</source>
            <translation>bis</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>⚠ The note was not added: %1</source>
            <translation>⚠ Die Notiz wurde nicht hinzugefügt: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>⚠ Write a note first.</source>
            <translation>⚠ Schreiben Sie zuerst eine Notiz.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>✔ Note added.</source>
            <translation>✔ Notiz hinzugefügt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>✔ Saved %1</source>
            <translation>✔ %1 gespeichert</translation>
        </message>
        <message>
            <location filename="../../console/ui/alarms/service_report.py" />
            <source>✖ The report could not be saved: %1</source>
            <translation>✖ Der Bericht konnte nicht gespeichert werden: %1</translation>
        </message>
    </context>
    <context>
        <name>SessionActionButton</name>
        <message>
            <location filename="../../console/ui/sessions/session_button.py" />
            <source>card %1</source>
            <translation>Karte %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/session_button.py" />
            <source>⚠ The engine did not answer in time; try again.</source>
            <translation>⚠ Der Dienst hat nicht rechtzeitig geantwortet; versuchen Sie es erneut.</translation>
        </message>
    </context>
    <context>
        <name>SessionsFilterBar</name>
        <message>
            <location filename="../../console/ui/sessions/filter_bar.py" />
            <source>All chargers</source>
            <translation>Alle Ladestationen</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/filter_bar.py" />
            <source>Charger:</source>
            <translation>Ladestation:</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/filter_bar.py" />
            <source>Export CSV…</source>
            <translation>CSV exportieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/filter_bar.py" />
            <source>Filter by charger, card or name  (Ctrl+F)</source>
            <translation>Nach Ladestation, Karte oder Name filtern  (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/filter_bar.py" />
            <source>From:</source>
            <translation>Von:</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/filter_bar.py" />
            <source>Running only</source>
            <translation>Nur laufende</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/filter_bar.py" />
            <source>To:</source>
            <translation>Bis:</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/filter_bar.py" />
            <source>Write the sessions shown to a CSV file (Ctrl+E)</source>
            <translation>Die angezeigten Ladevorgänge in eine CSV-Datei schreiben (Ctrl+E)</translation>
        </message>
    </context>
    <context>
        <name>SessionsTableModel</name>
        <message>
            <location filename="../../console/ui/sessions/model.py" />
            <source>OCPP stop reason: %1</source>
            <translation>OCPP-Stoppgrund: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/model.py" />
            <source>Reason given: %1</source>
            <translation>Angegebener Grund: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/model.py" />
            <source>Still charging: energy and duration so far, updated live</source>
            <translation>Lädt noch: bisherige Energie und Dauer, live aktualisiert</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/model.py" />
            <source>The charger never reported this session's end: the end time and energy are the last meter reading ChargeDesk had. A late report replaces them.</source>
            <translation>Die Ladestation hat das Ende dieses Ladevorgangs nie gemeldet: Endzeit und Energie entsprechen dem letzten Zählerstand, den ChargeDesk hatte. Eine verspätete Meldung ersetzt sie.</translation>
        </message>
    </context>
    <context>
        <name>SessionsView</name>
        <message>
            <location filename="../../console/ui/sessions/view.py" />
            <source> · %1 kWh</source>
            <translation> · %1 kWh</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/sessions/view.py" />
            <source> · %n running</source>
            <translation>
                <numerusform> · %n laufend</numerusform>
                <numerusform> · %n laufend</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/view.py" />
            <source> · only the newest %1 of this period: choose fewer days</source>
            <translation> · nur die neuesten %1 dieses Zeitraums: Wählen Sie weniger Tage</translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/sessions/view.py" />
            <source>%n session(s) exported to </source>
            <translation>
                <numerusform>%n Ladevorgang exportiert nach </numerusform>
                <numerusform>%n Ladevorgänge exportiert nach </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/sessions/view.py" />
            <source>%n session(s) shown</source>
            <translation>
                <numerusform>%n Ladevorgang angezeigt</numerusform>
                <numerusform>%n Ladevorgänge angezeigt</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/view.py" />
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Car unplugged</source>
            <translation>Fahrzeug abgesteckt</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Card</source>
            <translation>Karte</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Card not valid</source>
            <translation>Karte ungültig</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Card not valid: the session was started with a card ChargeDesk would not accept (unknown, blocked or expired), yet the charger let it charge. Check who used it.</source>
            <translation>Karte ungültig: Der Ladevorgang wurde mit einer Karte gestartet, die ChargeDesk nicht annehmen würde (unbekannt, gesperrt oder abgelaufen), und die Ladestation hat trotzdem geladen. Prüfen Sie, wer sie benutzt hat.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Card refused</source>
            <translation>Karte abgelehnt</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Charge point id</source>
            <translation>Ladestations-ID</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Charger hard reset</source>
            <translation>Neustart der Ladestation (hart)</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Charger restarted</source>
            <translation>Ladestation neu gestartet</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Charger soft reset</source>
            <translation>Neustart der Ladestation (sanft)</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Closed by restart</source>
            <translation>Durch Neustart beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Closed by restart: the charger restarted during the session and then reported the connector free without reporting the session's end, so ChargeDesk closed it at the last meter reading it had.</source>
            <translation>Durch Neustart beendet: Die Ladestation hat während des Ladevorgangs neu gestartet und den Ladepunkt danach als frei gemeldet, ohne das Ende des Ladevorgangs zu melden. ChargeDesk hat ihn daher beim letzten bekannten Zählerstand beendet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Conn.</source>
            <translation>LP</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Connector</source>
            <translation>Ladepunkt</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Connector number on the charger</source>
            <translation>Nummer des Ladepunkts an der Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Connector unlocked</source>
            <translation>Ladepunkt entriegelt</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Driver</source>
            <translation>Fahrer</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Duration</source>
            <translation>Dauer</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Emergency stop</source>
            <translation>Not-Aus</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>End</source>
            <translation>Ende</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>End, local time; running sessions are still charging</source>
            <translation>Ende, Ortszeit; laufende Ladevorgänge laden noch</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Ended by staff</source>
            <translation>Vom Personal beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Ended by staff: someone ended the session by hand, with the reason shown under Stop reason, at the last meter reading ChargeDesk had.</source>
            <translation>Vom Personal beendet: Jemand hat den Ladevorgang von Hand beendet (Grund unter „Endegrund“), beim letzten Zählerstand, den ChargeDesk hatte.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Ended without a stop</source>
            <translation>Ohne Stoppmeldung beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Ended without a stop: the connector reported Available for a long time but the charger never reported the session's end, so ChargeDesk closed it at the last meter reading it had. Check the charger (power loss, reset).</source>
            <translation>Ohne Stoppmeldung beendet: Der Ladepunkt meldete lange „Available“, aber die Ladestation hat das Ende des Ladevorgangs nie gemeldet. ChargeDesk hat ihn daher beim letzten bekannten Zählerstand beendet. Prüfen Sie die Ladestation (Stromausfall, Neustart).</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Energy (kWh)</source>
            <translation>Energie (kWh)</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Energy delivered; live for running sessions</source>
            <translation>Gelieferte Energie; live bei laufenden Ladevorgängen</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/view.py" />
            <source>Export cancelled; no file written.</source>
            <translation>Export abgebrochen; keine Datei geschrieben.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/view.py" />
            <source>Export sessions</source>
            <translation>Ladevorgänge exportieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/view.py" />
            <source>Exporting…</source>
            <translation>Wird exportiert…</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Flags</source>
            <translation>Hinweise</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>How long the session has lasted (hours:minutes)</source>
            <translation>Wie lange der Ladevorgang gedauert hat (Stunden:Minuten)</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/view.py" />
            <source>Loading sessions…</source>
            <translation>Ladevorgänge werden geladen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Meter went backwards</source>
            <translation>Zähler lief rückwärts</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Meter went backwards: the meter reading at the end was lower than at the start, so the energy is counted as 0 kWh. Check the charger's meter.</source>
            <translation>Zähler lief rückwärts: Der Zählerstand am Ende war niedriger als am Anfang, daher wird die Energie mit 0 kWh gezählt. Prüfen Sie den Zähler der Ladestation.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>No stop from the charger</source>
            <translation>Kein Stopp von der Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Odd charger time</source>
            <translation>Seltsame Uhrzeit der Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Odd charger time: the charger reported a time far in the future or long ago. The start or end time may be wrong; check the charger's clock.</source>
            <translation>Seltsame Uhrzeit der Ladestation: Die Ladestation meldete eine Zeit weit in der Zukunft oder lange zurück. Start- oder Endzeit können falsch sein; prüfen Sie die Uhr der Ladestation.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Odd readings kept by staff</source>
            <translation>Auffällige Messwerte vom Personal übernommen</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Odd readings kept by staff: readings that looked impossible were checked and count in the bill as the charger sent them.</source>
            <translation>Auffällige Messwerte vom Personal übernommen: Unmöglich wirkende Messwerte wurden geprüft und zählen in der Abrechnung so, wie die Ladestation sie gesendet hat.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Odd readings left out by staff</source>
            <translation>Auffällige Messwerte vom Personal ausgelassen</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Odd readings left out by staff: readings that looked impossible were checked and the bill uses only the plausible ones.</source>
            <translation>Auffällige Messwerte vom Personal ausgelassen: Unmöglich wirkende Messwerte wurden geprüft; die Abrechnung verwendet nur die plausiblen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Oddities recorded for staff to check; hover for details</source>
            <translation>Auffälligkeiten zur Prüfung durch das Personal; Details beim Darüberfahren</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Other</source>
            <translation>Sonstiges</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Power loss</source>
            <translation>Stromausfall</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Readings for another connector</source>
            <translation>Messwerte für einen anderen Ladepunkt</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Readings for another connector: the charger sent readings of this session under another connector number. They are kept but not counted (the bill uses the session's own connector and its meter stop). Check the charger's connector numbering.</source>
            <translation>Messwerte für einen anderen Ladepunkt: Die Ladestation hat Messwerte dieses Ladevorgangs unter einer anderen Ladepunktnummer gesendet. Sie werden aufbewahrt, aber nicht gezählt (die Abrechnung verwendet den eigenen Ladepunkt des Ladevorgangs und dessen Endzählerstand). Prüfen Sie die Ladepunktnummerierung der Ladestation.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Readings need review</source>
            <translation>Messwerte müssen geprüft werden</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Readings need review: the charger sent meter readings that cannot be true (the register went backwards, or rose faster than a connector can deliver). They count nowhere and the session has no bill or receipt until someone decides with Review readings…</source>
            <translation>Messwerte müssen geprüft werden: Die Ladestation hat Zählerstände gesendet, die nicht stimmen können (der Zähler lief rückwärts oder stieg schneller, als ein Ladepunkt liefern kann). Sie zählen nirgends, und der Ladevorgang hat keine Abrechnung und keinen Beleg, bis jemand mit „Messwerte prüfen…“ entscheidet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Recorded oddity: </source>
            <translation>Erfasste Auffälligkeit: </translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Session</source>
            <translation>Nr.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Session number (the OCPP transaction id)</source>
            <translation>Nummer des Ladevorgangs (die OCPP-Transaktions-ID)</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/view.py" />
            <source>Sessions</source>
            <translation>Ladevorgänge</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/view.py" />
            <source>Sessions could not be read: %1</source>
            <translation>Ladevorgänge konnten nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Start</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Start, local time</source>
            <translation>Start, Ortszeit</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Stop reason</source>
            <translation>Endegrund</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Stopped at charger</source>
            <translation>An der Ladestation beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Stopped remotely</source>
            <translation>Aus der Ferne beendet</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Superseded by a new session</source>
            <translation>Durch neuen Ladevorgang ersetzt</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Superseded by a new session: a new session started on the same connector while this one had never been reported ended, so ChargeDesk closed it at the last meter reading it had. The card was not refused for it.</source>
            <translation>Durch neuen Ladevorgang ersetzt: Am selben Ladepunkt begann ein neuer Ladevorgang, während für diesen nie ein Ende gemeldet wurde. ChargeDesk hat ihn daher beim letzten bekannten Zählerstand beendet. Die Karte wurde deshalb nicht abgewiesen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>The charger's own StopTransaction arrived later: its meter reading and time replaced ChargeDesk's estimate.</source>
            <translation>Die StopTransaction der Ladestation kam später an: Ihr Zählerstand und ihre Zeit haben die Schätzung von ChargeDesk ersetzt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Who charged: the card's owner or the visitor, and the card (idTag)</source>
            <translation>Wer geladen hat: der Fahrer der Karte oder der Besucher, und die Karte (idTag)</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>Why the session ended, as the charger reported it</source>
            <translation>Warum der Ladevorgang endete, wie die Ladestation es meldete</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/words.py" />
            <source>running</source>
            <translation>laufend</translation>
        </message>
        <message>
            <location filename="../../console/ui/sessions/view.py" />
            <source>⚠ The From date is after the To date.</source>
            <translation>⚠ Das Von-Datum liegt nach dem Bis-Datum.</translation>
        </message>
    </context>
    <context>
        <name>SiteCaBox</name>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>%1, %2</source>
            <translation>%1, %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>%1: the file could not be read (%2). Choose PEM files.</source>
            <translation>%1: Die Datei konnte nicht gelesen werden (%2). Wählen Sie PEM-Dateien.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>A certificate from the site CA to sign firmware (needs the admin role)</source>
            <translation>Ein Zertifikat der Zertifizierungsstelle des Standorts zum Signieren von Firmware (erfordert die Rolle Administrator)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>A new certificate for ChargeDesk's wss:// port now (renewed by itself too)</source>
            <translation>Jetzt ein neues Zertifikat für den wss://-Port von ChargeDesk (wird auch automatisch erneuert)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>CA:</source>
            <translation>CA:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Create signing certificate</source>
            <translation>Signaturzertifikat erstellen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Creating the firmware signing certificate</source>
            <translation>Erstellen des Firmware-Signaturzertifikats</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Export CA certificate…</source>
            <translation>CA-Zertifikat exportieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Export the site CA certificate</source>
            <translation>Zertifikat der Zertifizierungsstelle des Standorts exportieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Exporting the CA certificate</source>
            <translation>Exportieren des CA-Zertifikats</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Fingerprint:</source>
            <translation>Fingerabdruck:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Firmware signing:</source>
            <translation>Firmware-Signatur:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Firmware will be signed with %1 from now on.</source>
            <translation>Firmware wird ab jetzt mit %1 signiert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Import signing certificate…</source>
            <translation>Signaturzertifikat importieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Importing the firmware signing certificate</source>
            <translation>Importieren des Firmware-Signaturzertifikats</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Its private key (PEM)</source>
            <translation>Zugehöriger privater Schlüssel (PEM)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>No site CA: ChargeDesk runs without a TLS port (wss://).</source>
            <translation>Keine Zertifizierungsstelle des Standorts: ChargeDesk läuft ohne TLS-Port (wss://).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>None yet: create one, or import the one your firmware is signed with.</source>
            <translation>Noch keines: Erstellen Sie eines, oder importieren Sie das, mit dem Ihre Firmware signiert ist.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Reading the site CA</source>
            <translation>Lesen der Zertifizierungsstelle des Standorts</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Renew server certificate</source>
            <translation>Serverzertifikat erneuern</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Renewing the server certificate</source>
            <translation>Erneuern des Serverzertifikats</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Save the CA certificate as PEM or DER, to load it into a charger by hand</source>
            <translation>Das CA-Zertifikat als PEM oder DER speichern, um es manuell in eine Ladestation zu laden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Server certificate:</source>
            <translation>Serverzertifikat:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Server names:</source>
            <translation>Servernamen:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Signing certificate (PEM)</source>
            <translation>Signaturzertifikat (PEM)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Site certificate authority</source>
            <translation>Zertifizierungsstelle des Standorts</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>The site CA certificate was saved as %1 (%2). Load it into the charger.</source>
            <translation>Das Zertifikat der Zertifizierungsstelle des Standorts wurde als %1 (%2) gespeichert. Laden Sie es in die Ladestation.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>The wss:// port now shows a new server certificate (%1, %2).</source>
            <translation>Der wss://-Port zeigt jetzt ein neues Serverzertifikat (%1, %2).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Use the manufacturer's or your own signing certificate and key</source>
            <translation>Das Signaturzertifikat und den Schlüssel des Herstellers oder Ihre eigenen verwenden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_site_ca.py" />
            <source>Valid:</source>
            <translation>Gültig:</translation>
        </message>
    </context>
    <context>
        <name>SiteTotalsStrip</name>
        <message>
            <location filename="../../console/ui/overview/totals.py" />
            <source>Chargers online</source>
            <translation>Ladestationen online</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/totals.py" />
            <source>Faulted</source>
            <translation>Gestört</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/totals.py" />
            <source>Sessions running</source>
            <translation>Laufende Ladevorgänge</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/totals.py" />
            <source>Site power</source>
            <translation>Leistung des Standorts</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/totals.py" />
            <source>and %1 more</source>
            <translation>und %1 weitere</translation>
        </message>
        <message>
            <location filename="../../console/ui/overview/totals.py" />
            <source>⚠ Offline:</source>
            <translation>⚠ Offline:</translation>
        </message>
    </context>
    <context>
        <name>SnapshotsModel</name>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Baseline</source>
            <translation>Sollkonfiguration</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Firmware</source>
            <translation>Firmware</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Model</source>
            <translation>Modell</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>Taken</source>
            <translation>Aufgenommen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/config_models.py" />
            <source>★ baseline</source>
            <translation>★ Sollkonfiguration</translation>
        </message>
    </context>
    <context>
        <name>SnapshotsPanel</name>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>%1 against the baseline “%2”: %3 key(s) differ.</source>
            <translation>%1 im Vergleich zur Sollkonfiguration „%2“: %3 Schlüssel unterschiedlich.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>%1: see the results; %2 charger(s) need attention.</source>
            <translation>%1: siehe Ergebnisse; %2 Ladestation(en) erfordern Aufmerksamkeit.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>&lt;b&gt;Snapshots&lt;/b&gt;</source>
            <translation>&lt;b&gt;Momentaufnahmen&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>All</source>
            <translation>Alle</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Apply baseline</source>
            <translation>Sollkonfiguration anwenden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Apply baseline “%1”</source>
            <translation>Sollkonfiguration „%1“ anwenden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Apply to checked</source>
            <translation>Auf angehakte anwenden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Apply “%1” (%2) to the checked chargers of the same model:</source>
            <translation>„%1“ (%2) auf die angehakten Ladestationen desselben Modells anwenden:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Baseline</source>
            <translation>Sollkonfiguration</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Baseline of %1</source>
            <translation>Sollkonfiguration von %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Charger vs baseline</source>
            <translation>Ladestation vs. Sollkonfiguration</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Chargers of the baseline's model</source>
            <translation>Ladestationen des Modells der Sollkonfiguration</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Choose a baseline and check at least one charger.</source>
            <translation>Wählen Sie eine Sollkonfiguration, und haken Sie mindestens eine Ladestation an.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Compare the charger's live configuration with its model's baseline</source>
            <translation>Die aktuelle Konfiguration der Ladestation mit der Sollkonfiguration ihres Modells vergleichen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Compare two</source>
            <translation>Zwei vergleichen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Compare with baseline</source>
            <translation>Mit Sollkonfiguration vergleichen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Differences</source>
            <translation>Unterschiede</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Make the selected snapshot the reference of its charger model</source>
            <translation>Die gewählte Momentaufnahme zur Referenz für ihr Ladestationsmodell machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Mark as baseline</source>
            <translation>Als Sollkonfiguration markieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Read the charger's configuration and keep it</source>
            <translation>Konfiguration der Ladestation lesen und aufbewahren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Reboot required: %1.</source>
            <translation>Neustart erforderlich: %1.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Save snapshot</source>
            <translation>Momentaufnahme speichern</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Save snapshot “%1”</source>
            <translation>Momentaufnahme „%1“ speichern</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Select a snapshot (or mark a baseline) to apply it to chargers.</source>
            <translation>Wählen Sie eine Momentaufnahme (oder markieren Sie eine Sollkonfiguration), um sie auf Ladestationen anzuwenden.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Select exactly two snapshots to compare.</source>
            <translation>Wählen Sie genau zwei Momentaufnahmen zum Vergleichen aus.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Select two snapshots and press Compare two.</source>
            <translation>Wählen Sie zwei Momentaufnahmen aus, und klicken Sie auf „Zwei vergleichen“.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Select two snapshots to compare</source>
            <translation>Zwei Momentaufnahmen zum Vergleichen auswählen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Set, on each checked charger, the writable keys that differ</source>
            <translation>Auf jeder angehakten Ladestation die beschreibbaren Schlüssel setzen, die abweichen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Snapshot name (optional)</source>
            <translation>Name der Momentaufnahme (optional)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>This charger</source>
            <translation>Diese Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>This model</source>
            <translation>Dieses Modell</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>Which snapshots to list</source>
            <translation>Welche Momentaufnahmen aufgelistet werden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>already matches</source>
            <translation>stimmt bereits überein</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>unknown model</source>
            <translation>unbekanntes Modell</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/snapshots_panel.py" />
            <source>“%1” → “%2”: %3 key(s) differ.</source>
            <translation>„%1“ → „%2“: %3 Schlüssel unterschiedlich.</translation>
        </message>
    </context>
    <context>
        <name>StaffAccountsModel</name>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Active</source>
            <translation>Aktiv</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Last login</source>
            <translation>Letzte Anmeldung</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Locked</source>
            <translation>Gesperrt</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Must choose a new password at the next login</source>
            <translation>Muss bei der nächsten Anmeldung ein neues Passwort wählen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Roles</source>
            <translation>Rollen</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>Username</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>disabled</source>
            <translation>deaktiviert</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>never</source>
            <translation>nie</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>new password due</source>
            <translation>neues Passwort fällig</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>until %1</source>
            <translation>bis %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/models.py" />
            <source>yes</source>
            <translation>ja</translation>
        </message>
    </context>
    <context>
        <name>StaffAccountsPage</name>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>%1 disabled.</source>
            <translation>%1 deaktiviert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>%1 enabled.</source>
            <translation>%1 aktiviert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>%1 unlocked.</source>
            <translation>%1 entsperrt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Add…</source>
            <translation>Hinzufügen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>ChargeDesk did not answer in time.</source>
            <translation>ChargeDesk hat nicht rechtzeitig geantwortet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Disable</source>
            <translation>Deaktivieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Edit roles…</source>
            <translation>Rollen bearbeiten…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Enable</source>
            <translation>Aktivieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Only an admin can change staff accounts.</source>
            <translation>Nur ein Administrator kann Benutzerkonten ändern.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Password of %1 reset.</source>
            <translation>Passwort von %1 zurückgesetzt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Reset password…</source>
            <translation>Passwort zurücksetzen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Roles of %1 changed.</source>
            <translation>Rollen von %1 geändert.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Staff account added.</source>
            <translation>Benutzerkonto hinzugefügt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Staff accounts not read: %1</source>
            <translation>Benutzerkonten konnten nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/accounts_page.py" />
            <source>Unlock</source>
            <translation>Entsperren</translation>
        </message>
    </context>
    <context>
        <name>StaffActions</name>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>%1 ends now.</source>
            <translation>%1 endet jetzt.</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>%1 is running. The charger either ends it now or waits until it ends (then it says Scheduled). Make %2 unavailable?</source>
            <translation>%1 läuft. Die Ladestation beendet ihn sofort oder wartet, bis er endet (sie meldet dann Scheduled). %2 nicht verfügbar machen?</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>%1 — %2: waiting for the charger, then for the session (up to %3 s)…</source>
            <translation>%1 — %2: Warten auf die Ladestation, dann auf den Ladevorgang (bis zu %3 s)…</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>%1, connector %2</source>
            <translation>%1, Ladepunkt %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Accept charger</source>
            <translation>Ladestation annehmen</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Card %1 may not charge: %2. The charger will most likely refuse it. Start anyway?</source>
            <translation>Karte %1 darf nicht laden: %2. Die Ladestation wird sie sehr wahrscheinlich ablehnen. Trotzdem starten?</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Hard reset</source>
            <translation>Neustart (hart)</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Hard reset %1? It restarts at once and cuts power.</source>
            <translation>%1 hart neu starten? Die Ladestation startet sofort neu und unterbricht die Stromversorgung.</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Make charger available</source>
            <translation>Ladestation verfügbar machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Make charger unavailable</source>
            <translation>Ladestation nicht verfügbar machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Make connector %1 available</source>
            <translation>Ladepunkt %1 verfügbar machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Make connector %1 unavailable</source>
            <translation>Ladepunkt %1 nicht verfügbar machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Make unavailable</source>
            <translation>Nicht verfügbar machen</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>No receipt for session %1: %2</source>
            <translation>Kein Beleg für Ladevorgang %1: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>No session is running on it.</source>
            <translation>An ihr läuft kein Ladevorgang.</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Preparing the receipt of session %1…</source>
            <translation>Beleg für Ladevorgang %1 wird vorbereitet…</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Receipt %1 could not be opened: %2</source>
            <translation>Beleg %1 konnte nicht geöffnet werden: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Receipt %1 opened</source>
            <translation>Beleg %1 geöffnet</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Receipt %1 saved as %2</source>
            <translation>Beleg %1 gespeichert als %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Receipt…</source>
            <translation>Beleg…</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Reject %1? It will be refused whenever it connects.</source>
            <translation>%1 ablehnen? Die Ladestation wird bei jeder Verbindung abgewiesen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Reject charger</source>
            <translation>Ladestation ablehnen</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Soft reset</source>
            <translation>Neustart (sanft)</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Soft reset %1? It ends its sessions, then restarts.</source>
            <translation>%1 sanft neu starten? Die Ladestation beendet ihre Ladevorgänge und startet dann neu.</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Start a session on %1, connector %2, for:</source>
            <translation>Ladevorgang an %1, Ladepunkt %2 starten für:</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Start anyway</source>
            <translation>Trotzdem starten</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Start session on connector %1 for %2</source>
            <translation>Ladevorgang an Ladepunkt %1 für %2 starten</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Stop %1? The car stops charging now.</source>
            <translation>%1 beenden? Das Fahrzeug hört sofort auf zu laden.</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Stop session</source>
            <translation>Ladevorgang beenden</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>The action failed: %1</source>
            <translation>Die Aktion ist fehlgeschlagen: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Unlock</source>
            <translation>Entriegeln</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Unlock connector %1</source>
            <translation>Ladepunkt %1 entriegeln</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>Unlocking ends %1. Unlock?</source>
            <translation>Entriegeln beendet %1. Entriegeln?</translation>
        </message>
        <message>
            <location filename="../../console/ui/actions.py" />
            <source>a visitor</source>
            <translation>einen Besucher</translation>
        </message>
    </context>
    <context>
        <name>StaffDesk</name>
        <message>
            <location filename="../../console/ui/staff/desk.py" />
            <source>&amp;Change my password…</source>
            <translation>Eigenes &amp;Passwort ändern…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/desk.py" />
            <source>&amp;Desk</source>
            <translation>&amp;Empfang</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/desk.py" />
            <source>&amp;Lock</source>
            <translation>&amp;Sperren</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/desk.py" />
            <source>&amp;Switch user…</source>
            <translation>Benutzer &amp;wechseln…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/desk.py" />
            <source>ChargeDesk</source>
            <translation>ChargeDesk</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/desk.py" />
            <source>ChargeDesk — starting…</source>
            <translation>ChargeDesk — wird gestartet…</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/desk.py" />
            <source>Lock</source>
            <translation>Sperren</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/desk.py" />
            <source>Lock the console (Ctrl+L)</source>
            <translation>Konsole sperren (Ctrl+L)</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/desk.py" />
            <source>Logged in as %1</source>
            <translation>Angemeldet als %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/desk.py" />
            <source>Nobody logged in</source>
            <translation>Niemand angemeldet</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/desk.py" />
            <source>Switch user</source>
            <translation>Benutzer wechseln</translation>
        </message>
    </context>
    <context>
        <name>StatementsPage</name>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source> (retired)</source>
            <translation> (außer Betrieb)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>&amp;Department:</source>
            <translation>&amp;Abteilung:</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>&amp;Month:</source>
            <translation>&amp;Monat:</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>&amp;Person:</source>
            <translation>&amp;Person:</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>A statement lists the sessions billed in the month, with their receipts, grouped by person. A department's statement charges back to the department the driver belonged to when the session was billed.</source>
            <translation>Eine Abrechnung listet die im Monat abgerechneten Ladevorgänge mit ihren Belegen auf, gruppiert nach Person. Die Abrechnung einer Abteilung belastet die Abteilung, der der Fahrer angehörte, als der Ladevorgang abgerechnet wurde.</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>Choose a person or a department.</source>
            <translation>Wählen Sie eine Person oder eine Abteilung.</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>Departments could not be read: %1</source>
            <translation>Abteilungen konnten nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>Every department or cost centre billed in the month, also one nobody belongs to any more</source>
            <translation>Jede Abteilung oder Kostenstelle, die im Monat abgerechnet wurde, auch eine, der niemand mehr angehört</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>PDF files (*.pdf)</source>
            <translation>PDF-Dateien (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>People could not be read: %1</source>
            <translation>Personen konnten nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>Reading the statement…</source>
            <translation>Abrechnung wird gelesen…</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>Save CSV…</source>
            <translation>CSV speichern…</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>Save PDF…</source>
            <translation>PDF speichern…</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>Save statement</source>
            <translation>Abrechnung speichern</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>The site's details could not be read: %1</source>
            <translation>Die Angaben des Standorts konnten nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>⚠ The statement could not be read: %1</source>
            <translation>⚠ Die Abrechnung konnte nicht gelesen werden: %1</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <location filename="../../console/ui/theme.py" />
            <source>Available</source>
            <translation>Verfügbar</translation>
        </message>
        <message>
            <location filename="../../console/ui/theme.py" />
            <source>Charging</source>
            <translation>Lädt</translation>
        </message>
        <message>
            <location filename="../../console/ui/theme.py" />
            <source>Faulted</source>
            <translation>Gestört</translation>
        </message>
        <message>
            <location filename="../../console/ui/theme.py" />
            <source>Finishing</source>
            <translation>Abschluss</translation>
        </message>
        <message>
            <location filename="../../console/ui/theme.py" />
            <source>Preparing</source>
            <translation>Vorbereitung</translation>
        </message>
        <message>
            <location filename="../../console/ui/theme.py" />
            <source>Reserved</source>
            <translation>Reserviert</translation>
        </message>
        <message>
            <location filename="../../console/ui/theme.py" />
            <source>Suspended by car</source>
            <translation>Vom Fahrzeug pausiert</translation>
        </message>
        <message>
            <location filename="../../console/ui/theme.py" />
            <source>Suspended by charger</source>
            <translation>Von der Ladestation pausiert</translation>
        </message>
        <message>
            <location filename="../../console/ui/theme.py" />
            <source>Unavailable</source>
            <translation>Nicht verfügbar</translation>
        </message>
        <message>
            <location filename="../../console/ui/theme.py" />
            <source>Unknown</source>
            <translation>Unbekannt</translation>
        </message>
    </context>
    <context>
        <name>TapWaiter</name>
        <message>
            <location filename="../../console/ui/cards/tap.py" />
            <source>Any charger</source>
            <translation>Beliebige Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/tap.py" />
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/tap.py" />
            <source>Present the new card at the charger; its id is filled in here</source>
            <translation>Halten Sie die neue Karte an die Ladestation; ihre ID wird hier eingetragen</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/tap.py" />
            <source>Stopped waiting for a tap.</source>
            <translation>Warten auf Vorhalten beendet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/tap.py" />
            <source>Tap at &amp;charger:</source>
            <translation>&amp;Vorhalten an Ladestation:</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/tap.py" />
            <source>Wait for tap</source>
            <translation>Auf Vorhalten warten</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/tap.py" />
            <source>any charger</source>
            <translation>beliebige Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/tap.py" />
            <source>◷ Waiting for a new card at %1…</source>
            <translation>◷ Warten auf eine neue Karte an %1…</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/tap.py" />
            <source>⚠ Could not wait for a tap: %1</source>
            <translation>⚠ Warten auf Vorhalten nicht möglich: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/tap.py" />
            <source>⚠ No new card was presented at %1 in %2 minutes.</source>
            <translation>⚠ An %1 wurde in %2 Minuten keine neue Karte vorgehalten.</translation>
        </message>
        <message>
            <location filename="../../console/ui/cards/tap.py" />
            <source>✓ Card %1 presented at %2.</source>
            <translation>✓ Karte %1 an %2 vorgehalten.</translation>
        </message>
    </context>
    <context>
        <name>TechnicianView</name>
        <message>
            <location filename="../../console/ui/technician/view.py" />
            <source>Alarms</source>
            <translation>Alarme</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/view.py" />
            <source>Commands</source>
            <translation>Befehle</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/view.py" />
            <source>Configuration</source>
            <translation>Konfiguration</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/view.py" />
            <source>Connections</source>
            <translation>Verbindungen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/view.py" />
            <source>Diagnostics &amp;&amp; firmware</source>
            <translation>Diagnose &amp;&amp; Firmware</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/view.py" />
            <source>Messages</source>
            <translation>Nachrichten</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/view.py" />
            <source>Security</source>
            <translation>Sicherheit</translation>
        </message>
    </context>
    <context>
        <name>Transfers</name>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Accepted, an earlier upload was cancelled</source>
            <translation>Angenommen, ein früherer Upload wurde abgebrochen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Accepted, waiting</source>
            <translation>Angenommen, wartet</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Asked</source>
            <translation>Angefragt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_models.py" />
            <source>Charger</source>
            <translation>Ladestation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Charger offline</source>
            <translation>Ladestation offline</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Diagnostics</source>
            <translation>Diagnose</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Download failed</source>
            <translation>Herunterladen fehlgeschlagen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Download paused</source>
            <translation>Herunterladen angehalten</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Download scheduled</source>
            <translation>Herunterladen geplant</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Downloaded</source>
            <translation>Heruntergeladen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Downloading</source>
            <translation>Wird heruntergeladen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Failed</source>
            <translation>Fehlgeschlagen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_models.py" />
            <source>File</source>
            <translation>Datei</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Firmware</source>
            <translation>Firmware</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>GetLog not supported: use Get diagnostics</source>
            <translation>GetLog nicht unterstützt: Verwenden Sie „Diagnose abrufen“</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Installation failed</source>
            <translation>Installation fehlgeschlagen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Installation scheduled</source>
            <translation>Installation geplant</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Installed</source>
            <translation>Installiert</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Installed firmware failed its check</source>
            <translation>Installierte Firmware hat ihre Prüfung nicht bestanden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Installing</source>
            <translation>Wird installiert</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Interrupted by a restart</source>
            <translation>Durch einen Neustart unterbrochen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Invalid signature</source>
            <translation>Ungültige Signatur</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_models.py" />
            <source>Last change</source>
            <translation>Letzte Änderung</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Log</source>
            <translation>Protokoll</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>No answer in time</source>
            <translation>Keine rechtzeitige Antwort</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>No diagnostics available</source>
            <translation>Keine Diagnose verfügbar</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Not supported by the charger</source>
            <translation>Von der Ladestation nicht unterstützt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_models.py" />
            <source>Progress</source>
            <translation>Fortschritt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_models.py" />
            <source>Received</source>
            <translation>Empfangen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Rejected by the charger</source>
            <translation>Von der Ladestation abgelehnt</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Restarting to install</source>
            <translation>Neustart zur Installation</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Signature verified</source>
            <translation>Signatur geprüft</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Signed firmware</source>
            <translation>Signierte Firmware</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_models.py" />
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_models.py" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>The charger cannot upload that way</source>
            <translation>Die Ladestation kann auf diese Weise nicht hochladen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>The charger could not use the upload address</source>
            <translation>Die Ladestation konnte die Upload-Adresse nicht verwenden</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>The charger does not trust the signing certificate</source>
            <translation>Die Ladestation vertraut dem Signaturzertifikat nicht</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>The signing certificate was revoked</source>
            <translation>Das Signaturzertifikat wurde widerrufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>The upload was refused (permission denied)</source>
            <translation>Der Upload wurde abgewiesen (Zugriff verweigert)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Upload failed</source>
            <translation>Hochladen fehlgeschlagen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Uploaded</source>
            <translation>Hochgeladen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>Uploading</source>
            <translation>Wird hochgeladen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_models.py" />
            <source>What</source>
            <translation>Was</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>the charger does not trust the signing certificate: install the site CA on it (Security page), then send the firmware again</source>
            <translation>die Ladestation vertraut dem Signaturzertifikat nicht: Installieren Sie die Zertifizierungsstelle des Standorts auf ihr (Seite Sicherheit), und senden Sie die Firmware dann erneut</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfer_words.py" />
            <source>this charger does not support GetLog (OCPP 1.6 security extension); use Get diagnostics</source>
            <translation>diese Ladestation unterstützt GetLog nicht (OCPP-1.6-Sicherheitserweiterung); verwenden Sie „Diagnose abrufen“</translation>
        </message>
    </context>
    <context>
        <name>TransfersPage</name>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>%1 (offline)</source>
            <translation>%1 (offline)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>%1 could not be opened: %2</source>
            <translation>%1 konnte nicht geöffnet werden: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>%1 saved as %2</source>
            <translation>%1 gespeichert als %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>%1 was not saved: %2</source>
            <translation>%1 wurde nicht gespeichert: %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>All online</source>
            <translation>Alle online</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Chargers</source>
            <translation>Ladestationen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Diagnostics log</source>
            <translation>Diagnoseprotokoll</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>File endpoint closed (opens when asked).</source>
            <translation>Dateiendpunkt geschlossen (öffnet bei Bedarf).</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>File endpoint open on port %1 while transfers are under way.</source>
            <translation>Dateiendpunkt auf Port %1 geöffnet, solange Übertragungen laufen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Firmware (*.bin *.img *.zip *.tar *.gz *.fw)</source>
            <translation>Firmware (*.bin *.img *.zip *.tar *.gz *.fw)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Firmware file</source>
            <translation>Firmware-Datei</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Get diagnostics</source>
            <translation>Diagnose abrufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Get log</source>
            <translation>Protokoll abrufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Get security log</source>
            <translation>Sicherheitsprotokoll abrufen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>GetLog (OCPP 1.6 security extension)</source>
            <translation>GetLog (OCPP-1.6-Sicherheitserweiterung)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>How chargers upload diagnostics and logs</source>
            <translation>Wie Ladestationen Diagnosen und Protokolle hochladen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>None</source>
            <translation>Keine</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Open</source>
            <translation>Öffnen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Received diagnostics and logs</source>
            <translation>Empfangene Diagnosen und Protokolle</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Security log</source>
            <translation>Sicherheitsprotokoll</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Show folder</source>
            <translation>Ordner anzeigen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Signed firmware update (%1)</source>
            <translation>Signiertes Firmware-Update (%1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>The folder could not be opened: %1. The files are in %2</source>
            <translation>Der Ordner konnte nicht geöffnet werden: %1. Die Dateien liegen in %2</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Tick one or more chargers first.</source>
            <translation>Haken Sie zuerst eine oder mehrere Ladestationen an.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Tick the chargers to ask</source>
            <translation>Anzufragende Ladestationen anhaken</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Transfers</source>
            <translation>Übertragungen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Update firmware</source>
            <translation>Firmware aktualisieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Update firmware (%1)</source>
            <translation>Firmware aktualisieren (%1)</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Update firmware…</source>
            <translation>Firmware aktualisieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Upload by:</source>
            <translation>Hochladen per:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/transfers.py" />
            <source>Which log GetLog asks for</source>
            <translation>Welches Protokoll GetLog anfordert</translation>
        </message>
    </context>
    <context>
        <name>UpgradeDialog</name>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>%1 already requires profile 3, the highest.</source>
            <translation>%1 erfordert bereits Profil 3, das höchste.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>%1 did not come back on the new profile in time. It may still connect the old way: look at the Connections page for refused attempts.</source>
            <translation>%1 ist nicht rechtzeitig mit dem neuen Profil zurückgekehrt. Eine Verbindung auf die alte Weise ist eventuell noch möglich: Suchen Sie auf der Seite Verbindungen nach abgewiesenen Versuchen.</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Move %1 up</source>
            <translation>%1 anheben</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Move up</source>
            <translation>Anheben</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Move up to:</source>
            <translation>Anheben auf:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Moving %1 up to security profile %2…</source>
            <translation>%1 wird auf Sicherheitsprofil %2 angehoben…</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Moving up</source>
            <translation>Wird angehoben</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Required now:</source>
            <translation>Jetzt erforderlich:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Steps:</source>
            <translation>Schritte:</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Try again</source>
            <translation>Erneut versuchen</translation>
        </message>
        <message>
            <location filename="../../console/ui/technician/security_upgrade.py" />
            <source>Until the charger is back on the new profile it may also connect the old way, so nothing is locked out if a step fails.</source>
            <translation>Bis die Ladestation mit dem neuen Profil zurück ist, darf sie sich auch auf die alte Weise verbinden, damit nichts ausgesperrt wird, falls ein Schritt fehlschlägt.</translation>
        </message>
    </context>
    <context>
        <name>UsageReportPage</name>
        <message>
            <location filename="../../console/ui/reports/usage_page.py" />
            <source>%1 kWh in the period</source>
            <translation>%1 kWh im Zeitraum</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/usage_page.py" />
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/usage_page.py" />
            <source>Export heat map</source>
            <translation>Heatmap exportieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/usage_page.py" />
            <source>Export heat map CSV…</source>
            <translation>Heatmap als CSV exportieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/usage_page.py" />
            <source>Export utilisation</source>
            <translation>Auslastung exportieren</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/usage_page.py" />
            <source>Export utilisation CSV…</source>
            <translation>Auslastung als CSV exportieren…</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/usage_page.py" />
            <source>Peak hours: energy charged by weekday and hour</source>
            <translation>Spitzenzeiten: geladene Energie nach Wochentag und Stunde</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/usage_page.py" />
            <source>The heat map could not be read: %1</source>
            <translation>Die Heatmap konnte nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/usage_page.py" />
            <source>Utilisation could not be read: %1</source>
            <translation>Die Auslastung konnte nicht gelesen werden: %1</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/usage_page.py" />
            <source>Utilisation per connector</source>
            <translation>Auslastung pro Ladepunkt</translation>
        </message>
        <message>
            <location filename="../../console/ui/reports/usage_page.py" />
            <source>share of the period spent charging, and occupied by a car (plugged in)</source>
            <translation>Anteil des Zeitraums mit Laden und mit belegtem Ladepunkt (Fahrzeug angesteckt)</translation>
        </message>
    </context>
    <context>
        <name>WaitingNote</name>
        <message>
            <location filename="../../console/ui/plots/waiting.py" />
            <source>Sessions are running but no charger has reported its power yet.</source>
            <translation>Ladevorgänge laufen, aber noch keine Ladestation hat ihre Leistung gemeldet.</translation>
        </message>
        <message>
            <location filename="../../console/ui/plots/waiting.py" />
            <source>Waiting for the first readings…</source>
            <translation>Warten auf die ersten Messwerte…</translation>
        </message>
    </context>
    <context>
        <name>_Form</name>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>ChargeDesk did not answer in time: try again.</source>
            <translation>ChargeDesk hat nicht rechtzeitig geantwortet: Versuchen Sie es erneut.</translation>
        </message>
        <message>
            <location filename="../../console/ui/staff/forms.py" />
            <source>wait…</source>
            <translation>Bitte warten…</translation>
        </message>
    </context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AlarmBanner</name>
        <message numerus="yes">
            <location filename="../../console/ui/alarms/banner.py" />
            <source>%n unacknowledged alarm(s)</source>
            <translation>
                <numerusform>%n unacknowledged alarm</numerusform>
                <numerusform>%n unacknowledged alarms</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AlarmsPage</name>
        <message numerus="yes">
            <location filename="../../console/ui/alarms/page.py" />
            <source>✔ %n alarm(s) acknowledged</source>
            <translation>
                <numerusform>✔ %n alarm acknowledged</numerusform>
                <numerusform>✔ %n alarms acknowledged</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CardFiles</name>
        <message numerus="yes">
            <location filename="../../console/ui/cards/files.py" />
            <source>%n card(s) exported to </source>
            <translation>
                <numerusform>%n card exported to </numerusform>
                <numerusform>%n cards exported to </numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CardsView</name>
        <message numerus="yes">
            <location filename="../../console/ui/cards/view.py" />
            <source>%n card(s) shown</source>
            <translation>
                <numerusform>%n card shown</numerusform>
                <numerusform>%n cards shown</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ConfigurationPage</name>
        <message numerus="yes">
            <location filename="../../console/ui/technician/configuration.py" />
            <source>%n change(s) not applied yet.</source>
            <translation>
                <numerusform>%n change not applied yet.</numerusform>
                <numerusform>%n changes not applied yet.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/technician/configuration.py" />
            <source>Change %n key(s)</source>
            <translation>
                <numerusform>Change %n key</numerusform>
                <numerusform>Change %n keys</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CsvExportJob</name>
        <message numerus="yes">
            <location filename="../../console/ui/sessions/export_job.py" />
            <source>Exporting %n session(s)…</source>
            <translation>
                <numerusform>Exporting %n session…</numerusform>
                <numerusform>Exporting %n sessions…</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EnergyReportPage</name>
        <message numerus="yes">
            <location filename="../../console/ui/reports/energy_page.py" />
            <source> · %n session(s) without a bill</source>
            <translation>
                <numerusform> · %n session without a bill</numerusform>
                <numerusform> · %n sessions without a bill</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message numerus="yes">
            <location filename="../../console/ui/cards/history.py" />
            <source>✓ %n session(s) exported to </source>
            <translation>
                <numerusform>✓ %n session exported to </numerusform>
                <numerusform>✓ %n sessions exported to </numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n changed</source>
            <translation>
                <numerusform>%n changed</numerusform>
                <numerusform>%n changed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n new card(s)</source>
            <translation>
                <numerusform>%n new card</numerusform>
                <numerusform>%n new cards</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n new person(s)</source>
            <translation>
                <numerusform>%n new person</numerusform>
                <numerusform>%n new people</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n person(s) changed</source>
            <translation>
                <numerusform>%n person changed</numerusform>
                <numerusform>%n people changed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n problem(s)</source>
            <translation>
                <numerusform>%n problem</numerusform>
                <numerusform>%n problems</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>%n unchanged</source>
            <translation>
                <numerusform>%n unchanged</numerusform>
                <numerusform>%n unchanged</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>, %n changed</source>
            <translation>
                <numerusform>, %n changed</numerusform>
                <numerusform>, %n changed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>, %n new person(s)</source>
            <translation>
                <numerusform>, %n new person</numerusform>
                <numerusform>, %n new people</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>, %n person(s) changed</source>
            <translation>
                <numerusform>, %n person changed</numerusform>
                <numerusform>, %n people changed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>, %n unchanged</source>
            <translation>
                <numerusform>, %n unchanged</numerusform>
                <numerusform>, %n unchanged</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>; %n row(s) with problems skipped</source>
            <translation>
                <numerusform>; %n row with problems skipped</numerusform>
                <numerusform>; %n rows with problems skipped</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>Import %n card(s)</source>
            <translation>
                <numerusform>Import %n card</numerusform>
                <numerusform>Import %n cards</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>Imported: %n new card(s)</source>
            <translation>
                <numerusform>Imported: %n new card</numerusform>
                <numerusform>Imported: %n new cards</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/cards/import_dialog.py" />
            <source>⚠ %n row(s) with problems will be skipped; fix the file and choose it again to import them.</source>
            <translation>
                <numerusform>⚠ %n row with problems will be skipped; fix the file and choose it again to import it.</numerusform>
                <numerusform>⚠ %n rows with problems will be skipped; fix the file and choose it again to import them.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <location filename="../../console/ui/main_window.py" />
            <source>%n charger(s) connected</source>
            <translation>
                <numerusform>%n charger connected</numerusform>
                <numerusform>%n chargers connected</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RefusedCardsPanel</name>
        <message numerus="yes">
            <location filename="../../console/ui/cards/refused.py" />
            <source>%n not registered</source>
            <translation>
                <numerusform>%n not registered</numerusform>
                <numerusform>%n not registered</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Reports</name>
        <message numerus="yes">
            <location filename="../../console/ui/reports/statements_page.py" />
            <source>%n billed session(s)</source>
            <translation>
                <numerusform>%n billed session</numerusform>
                <numerusform>%n billed sessions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/reports/energy_page.py" />
            <source>%n session(s)</source>
            <translation>
                <numerusform>%n session</numerusform>
                <numerusform>%n sessions</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SessionsView</name>
        <message numerus="yes">
            <location filename="../../console/ui/sessions/view.py" />
            <source> · %n running</source>
            <translation>
                <numerusform> · %n running</numerusform>
                <numerusform> · %n running</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/sessions/view.py" />
            <source>%n session(s) exported to </source>
            <translation>
                <numerusform>%n session exported to </numerusform>
                <numerusform>%n sessions exported to </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../console/ui/sessions/view.py" />
            <source>%n session(s) shown</source>
            <translation>
                <numerusform>%n session shown</numerusform>
                <numerusform>%n sessions shown</numerusform>
            </translation>
        </message>
    </context>
</TS>

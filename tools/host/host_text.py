"""The reference host's own words, in English and Spanish (?lang=en or ?lang=es).

Only the host's chrome is here: page titles, navigation, form labels, the host's refusals and
status messages. Everything inside an ssrlink fragment is the plugin's, which is sent the same
language. A language the host has no words for falls back to English (the plugin may still know
it). Placeholders are str.format fields; the caller escapes the finished text for HTML.
"""

LANGUAGES = (("en", "English"), ("es", "Español"))

TEXT = {
    "en": {
        "site": "ssrlink demo host",
        "nav_label": "Pages",
        "nav_test_scores": "Test Scores",
        "nav_credentials": "3rd Party System Connections",
        "nav_manager": "Notification Manager",
        "nav_processing": "Configure processing",
        "nav_family": "All my students",
        "signin_legend": "Who is signed in",
        "signed_in_as": "Signed in as",
        "language": "Language",
        "show": "Show",
        "no_such_sign_in": "There is no such sign-in in this district. Pick one from the list.",
        "staff_only": "This page is for district and school staff. Choose a staff sign-in "
                      "(the district administrator, district office staff or a school office) "
                      "to use it.",
        "parent_only": "“All my students” is for parent portal accounts. Choose a parent "
                       "sign-in to use it.",
        "bad_token": "This form is out of date (the host was restarted, or the page came from "
                     "elsewhere). Nothing was changed; please open the page again and retry.",
        "plugin_error": "ssrlink could not answer: {error}",
        # Test Scores (the picker page)
        "ts_title": "State Test Scores Reports",
        "ts_intro": "The reference host of ssrlink: pick a student and who you are signed in "
                    "as to see what that person sees. Parents and students sign in with the "
                    "portal accounts of the demo district.",
        "student": "Student",
        "page": "Page",
        "page_test_scores": "Test Scores",
        "page_language_assessment": "Language Assessment (ELPAC)",
        "grade": "grade {grade}, school {school}",
        # 3rd Party System Connections
        "cr_title": "3rd Party System Connections",
        "cr_intro": "The TOMS user name and secret key this district uses to fetch Student "
                    "Score Reports from ETS. A school with its own pair (a charter school with "
                    "its own TOMS account) gets its own entry; the others use the district's.",
        "cr_status": "Stored connections",
        "cr_none": "No connection is stored yet.",
        "cr_scope_district": "District",
        "cr_scope_school": "School {code}",
        "cr_user": "TOMS user name",
        "cr_secret": "Secret key",
        "cr_secret_unreadable": "cannot be opened: {error}",
        "cr_expires": "Expires on",
        "cr_days_left": "Days left",
        "cr_updated": "Last changed",
        "cr_form": "Enter or replace a connection",
        "cr_scope": "For",
        "cr_secret_hint": "Never shown again after saving. Leave empty with “Test connection” "
                          "to test the pair already saved for this scope.",
        "cr_expires_hint": "Optional, YYYY-MM-DD. Left empty: 365 days from today.",
        "date_placeholder": "YYYY-MM-DD",
        "cr_test": "Test connection",
        "cr_save": "Save",
        "cr_saved": "Saved the connection for {scope}.",
        "cr_test_ok": "Connection test for {scope} (not saved): {message}",
        "cr_test_failed": "Connection test for {scope} (not saved) failed: {message}",
        "cr_test_stored": "Connection test of the saved pair for {scope}: {message}",
        "cr_need_user": "Enter the TOMS user name and the secret key.",
        # The Manager
        "mg_title": "Notification Manager",
        "mg_intro": "Every Student Score Report the sweep found, whether the family was "
                    "emailed and whether a parent has viewed it. “Send notice” queues an email "
                    "to every guardian with educational rights.",
        "mg_queued": "Notice queued for {student} ({report}): {notices} new email(s) to "
                     "guardians; {already} already notified; {manual} without a usable email "
                     "(follow up another way).",
        "mg_not_queued": "No new notice for {student} ({report}): {already} guardian(s) already "
                         "notified; {manual} without a usable email (follow up another way).",
        "mg_failed": "The notice for {student} ({report}) was not queued: {error}",
        "mg_other_school": "the student is not at your school",
        # Configure processing
        "pr_title": "Configure processing",
        "pr_intro": "When the nightly sweep runs, what it checks, who gets its summary and what "
                    "parents read on their page.",
        "pr_schedule": "Schedule",
        "pr_enabled": "Run the sweep on this schedule",
        "pr_days": "Days",
        "pr_time": "Time (24-hour HH:MM)",
        "pr_time_zone": "Time zone",
        "pr_defaults": "What the sweep checks",
        "pr_previous_year": "Also notify reports of the previous school year",
        "pr_leave_before": "Skip students who left before (YYYY-MM-DD, optional)",
        "pr_skip_tags": "Skip students with these tags (comma-separated)",
        "pr_concurrency": "ETS requests at once (1-256, empty for the default)",
        "pr_recipients": "Summary recipients",
        "pr_recipients_label": "Staff email addresses that get the completion summary, one a "
                               "line",
        "pr_instructions": "Instructions for parents",
        "pr_instructions_en": "In English",
        "pr_instructions_es": "In Spanish",
        "pr_save": "Save settings",
        "pr_saved": "Settings saved.",
        "pr_error": "Not saved: {error}",
        "pr_run": "Run now",
        "pr_run_title": "Run the sweep now",
        "pr_run_intro": "Checks every student of the district with ETS now, with the defaults "
                        "above, and queues the notices and the summary.",
        "pr_running_already": "A sweep started from this page is already running.",
        "pr_last_run": "Last run from this page",
        "day_sun": "Sunday", "day_mon": "Monday", "day_tue": "Tuesday",
        "day_wed": "Wednesday", "day_thu": "Thursday", "day_fri": "Friday",
        "day_sat": "Saturday",
        # The progress page
        "rn_title": "Sweep progress",
        "rn_running": "The sweep is running: {checked} of about {total} students checked. "
                      "This page refreshes itself.",
        "rn_idle": "No sweep has been started from this page since the host started.",
        "rn_done": "The sweep finished in {seconds} s.",
        "rn_failed": "The sweep failed: {error}",
        "rn_progress": "Students checked",
        "rn_back": "Back to Configure processing",
        "rn_summary": "Summary",
        "count_students_checked": "Students checked",
        "count_new_reports": "New reports",
        "count_notices_queued": "Notices queued",
        "count_no_email": "Guardians with no usable email (follow up another way)",
        "count_no_ssid": "Students without an SSID",
        "count_duplicate_students": "Students listed twice by the view",
        "count_duplicate_contacts": "Students whose contacts repeat a sequence",
        "count_errors": "ETS errors: {kind}",
        "count_no_errors": "ETS errors",
        # The family page
        "fm_title": "All my students",
        "fm_intro": "The State test score reports of every student linked to your parent "
                    "portal account.",
    },
    "es": {
        "site": "servidor de demostración de ssrlink",
        "nav_label": "Páginas",
        "nav_test_scores": "Calificaciones de exámenes",
        "nav_credentials": "Conexiones con sistemas externos",
        "nav_manager": "Administrador de avisos",
        "nav_processing": "Configurar el procesamiento",
        "nav_family": "Todos mis estudiantes",
        "signin_legend": "Quién inició sesión",
        "signed_in_as": "Sesión iniciada como",
        "language": "Idioma",
        "show": "Mostrar",
        "no_such_sign_in": "Esa cuenta no existe en este distrito. Elija una de la lista.",
        "staff_only": "Esta página es para el personal del distrito y de las escuelas. Elija una "
                      "cuenta del personal (el administrador del distrito, la oficina del "
                      "distrito o la oficina de una escuela) para usarla.",
        "parent_only": "“Todos mis estudiantes” es para las cuentas del portal de padres. "
                       "Elija una cuenta de padre o madre para usarla.",
        "bad_token": "Este formulario ya no es válido (el servidor se reinició o la página vino "
                     "de otro sitio). No se cambió nada; abra la página otra vez e inténtelo "
                     "de nuevo.",
        "plugin_error": "ssrlink no pudo responder: {error}",
        "ts_title": "Informes de calificaciones de exámenes estatales",
        "ts_intro": "El servidor de referencia de ssrlink: elija un estudiante y con qué cuenta "
                    "inició sesión para ver lo que esa persona ve. Los padres y los estudiantes "
                    "inician sesión con las cuentas del portal del distrito de demostración.",
        "student": "Estudiante",
        "page": "Página",
        "page_test_scores": "Calificaciones de exámenes",
        "page_language_assessment": "Evaluación del idioma (ELPAC)",
        "grade": "grado {grade}, escuela {school}",
        "cr_title": "Conexiones con sistemas externos",
        "cr_intro": "El nombre de usuario y la clave secreta de TOMS con los que este distrito "
                    "obtiene de ETS los informes de calificaciones. Una escuela con su propio "
                    "par (una escuela autónoma con su propia cuenta de TOMS) tiene su propia "
                    "entrada; las demás usan el del distrito.",
        "cr_status": "Conexiones guardadas",
        "cr_none": "Todavía no hay ninguna conexión guardada.",
        "cr_scope_district": "Distrito",
        "cr_scope_school": "Escuela {code}",
        "cr_user": "Nombre de usuario de TOMS",
        "cr_secret": "Clave secreta",
        "cr_secret_unreadable": "no se puede abrir: {error}",
        "cr_expires": "Vence el",
        "cr_days_left": "Días restantes",
        "cr_updated": "Último cambio",
        "cr_form": "Ingresar o reemplazar una conexión",
        "cr_scope": "Para",
        "cr_secret_hint": "No se vuelve a mostrar después de guardarla. Déjela vacía con "
                          "“Probar la conexión” para probar el par ya guardado.",
        "cr_expires_hint": "Opcional, AAAA-MM-DD. Si se deja vacío: 365 días a partir de hoy.",
        "date_placeholder": "AAAA-MM-DD",
        "cr_test": "Probar la conexión",
        "cr_save": "Guardar",
        "cr_saved": "Se guardó la conexión de {scope}.",
        "cr_test_ok": "Prueba de la conexión de {scope} (sin guardar): {message}",
        "cr_test_failed": "La prueba de la conexión de {scope} (sin guardar) falló: {message}",
        "cr_test_stored": "Prueba del par guardado de {scope}: {message}",
        "cr_need_user": "Ingrese el nombre de usuario de TOMS y la clave secreta.",
        "mg_title": "Administrador de avisos",
        "mg_intro": "Cada informe de calificaciones que encontró la revisión, si se envió un "
                    "correo a la familia y si un padre lo ha visto. “Enviar aviso” pone en cola "
                    "un correo para cada tutor con derechos educativos.",
        "mg_queued": "Aviso en cola para {student} ({report}): {notices} correo(s) nuevo(s) a "
                     "los tutores; {already} ya avisado(s); {manual} sin correo utilizable "
                     "(comuníquese de otra manera).",
        "mg_not_queued": "No hay aviso nuevo para {student} ({report}): {already} tutor(es) ya "
                         "avisado(s); {manual} sin correo utilizable (comuníquese de otra "
                         "manera).",
        "mg_failed": "El aviso para {student} ({report}) no se puso en cola: {error}",
        "mg_other_school": "el estudiante no es de su escuela",
        "pr_title": "Configurar el procesamiento",
        "pr_intro": "Cuándo se hace la revisión nocturna, qué revisa, quién recibe su resumen y "
                    "qué leen los padres en su página.",
        "pr_schedule": "Horario",
        "pr_enabled": "Hacer la revisión según este horario",
        "pr_days": "Días",
        "pr_time": "Hora (24 horas, HH:MM)",
        "pr_time_zone": "Zona horaria",
        "pr_defaults": "Qué revisa",
        "pr_previous_year": "Avisar también de los informes del año escolar anterior",
        "pr_leave_before": "Omitir a los estudiantes que se fueron antes del (AAAA-MM-DD, "
                           "opcional)",
        "pr_skip_tags": "Omitir a los estudiantes con estas etiquetas (separadas por comas)",
        "pr_concurrency": "Solicitudes a ETS a la vez (1-256, vacío para el valor "
                          "predeterminado)",
        "pr_recipients": "Destinatarios del resumen",
        "pr_recipients_label": "Correos del personal que reciben el resumen, uno por línea",
        "pr_instructions": "Instrucciones para los padres",
        "pr_instructions_en": "En inglés",
        "pr_instructions_es": "En español",
        "pr_save": "Guardar la configuración",
        "pr_saved": "Se guardó la configuración.",
        "pr_error": "No se guardó: {error}",
        "pr_run": "Ejecutar ahora",
        "pr_run_title": "Hacer la revisión ahora",
        "pr_run_intro": "Revisa ahora con ETS a todos los estudiantes del distrito, con los "
                        "valores de arriba, y pone en cola los avisos y el resumen.",
        "pr_running_already": "Ya hay una revisión iniciada desde esta página en curso.",
        "pr_last_run": "Última revisión iniciada desde esta página",
        "day_sun": "domingo", "day_mon": "lunes", "day_tue": "martes",
        "day_wed": "miércoles", "day_thu": "jueves", "day_fri": "viernes",
        "day_sat": "sábado",
        "rn_title": "Progreso de la revisión",
        "rn_running": "La revisión está en curso: {checked} de unos {total} estudiantes "
                      "revisados. Esta página se actualiza sola.",
        "rn_idle": "No se ha iniciado ninguna revisión desde esta página desde que se inició "
                   "el servidor.",
        "rn_done": "La revisión terminó en {seconds} s.",
        "rn_failed": "La revisión falló: {error}",
        "rn_progress": "Estudiantes revisados",
        "rn_back": "Volver a Configurar el procesamiento",
        "rn_summary": "Resumen",
        "count_students_checked": "Estudiantes revisados",
        "count_new_reports": "Informes nuevos",
        "count_notices_queued": "Avisos en cola",
        "count_no_email": "Tutores sin correo utilizable (comuníquese de otra manera)",
        "count_no_ssid": "Estudiantes sin SSID",
        "count_duplicate_students": "Estudiantes que la vista lista dos veces",
        "count_duplicate_contacts": "Estudiantes cuyos contactos repiten un número",
        "count_errors": "Errores de ETS: {kind}",
        "count_no_errors": "Errores de ETS",
        "fm_title": "Todos mis estudiantes",
        "fm_intro": "Los informes de calificaciones de exámenes estatales de cada estudiante "
                    "vinculado a su cuenta del portal de padres.",
    },
}


def host_language(language):
    """The language of the host's own words for a ?lang= value: en or es."""
    return language if language in TEXT else "en"


def words(language):
    """t(key, **fields): the host's sentence in that language (English when it has none)."""
    table = TEXT[host_language(language)]

    def t(key, **fields):
        sentence = table.get(key, TEXT["en"][key])
        return sentence.format(**fields) if fields else sentence

    return t

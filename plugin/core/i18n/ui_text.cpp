#include "ui_text.hpp"

#include <array>
#include <cstddef>

namespace ssrlink::core {
namespace {

struct entry {
  std::string_view en;
  std::string_view es;
};

// In the order of enum class ui_text; a static_assert below keeps the two in step.
constexpr std::array<entry, static_cast<std::size_t>(ui_text::count_)> texts{{
    {"You are not authorized to make this request",
     "No está autorizado para realizar esta solicitud"},
    {"Student does not have any test data", "El estudiante no tiene resultados de pruebas"},
    {"Student identification number not found",
     "No se encontró el número de identificación del estudiante"},
    {"Student enrollment record does not match calling district",
     "El registro de inscripción del estudiante no corresponde al distrito que hace la "
     "solicitud"},
    {"Internal error occurred", "Ocurrió un error interno"},
    {"There was an error while processing the request", "Hubo un error al procesar la solicitud"},
    {"Student does not have a Statewide Student ID (SSID) assigned",
     "El estudiante no tiene asignado un Identificador Estatal de Estudiante (SSID)"},
    {"This student's test score reports cannot be shown here. Please ask the school for a copy.",
     "Los informes de resultados de este estudiante no se pueden mostrar aquí. Pida una copia a "
     "la escuela."},
    {"You do not have permission to view this student's test score reports.",
     "No tiene permiso para ver los informes de resultados de este estudiante."},
    {"Student not found.", "No se encontró al estudiante."},
    {"Electronic score reports are not set up for this student's school. Enter the TOMS "
     "Electronic Reporting credentials (User Name and Secret Key) for the district or the school.",
     "Los informes electrónicos de resultados no están configurados para la escuela de este "
     "estudiante. Ingrese las credenciales de TOMS Electronic Reporting (nombre de usuario y "
     "clave secreta) del distrito o de la escuela."},
    {"Test score reports are not available right now. Please contact the school.",
     "Los informes de resultados no están disponibles en este momento. Comuníquese con la "
     "escuela."},
    {"The TOMS Electronic Reporting credentials expired on {date}. Generate new ones in TOMS and "
     "enter them.",
     "Las credenciales de TOMS Electronic Reporting vencieron el {date}. Genere otras nuevas en "
     "TOMS e ingréselas."},
    {"Score report links are valid for 30 minutes. To get new links, click ",
     "Los enlaces a los informes son válidos por 30 minutos. Para obtener enlaces nuevos, haga "
     "clic "},
    {"here", "aquí"},
    {".", "."},
    {"State Test Score Reports", "Informes de resultados de las pruebas estatales"},
    {"English Language Proficiency Score Reports", "Informes de resultados del dominio del inglés"},
    {"Final", "Final"},
    {"Preliminary", "Preliminar"},
    {"Grade", "Grado"},
    {"(opens in a new tab)", "(se abre en una pestaña nueva)"},
    {"Does a PDF report not open on your phone, tablet or Mac?",
     "¿No se abre un informe PDF en su teléfono, tableta o Mac?"},
    {"Some phones, tablets and Apple computers, MacBooks included, do not open a PDF report in a "
     "new tab right away. You can open it in a new window yourself:",
     "Algunos teléfonos, tabletas y computadoras de Apple, incluidas las MacBook, no abren el "
     "informe PDF en una pestaña nueva de inmediato. Puede abrirlo usted mismo en una ventana "
     "nueva:"},
    {"With a mouse: right-click the report's button and choose to open the link in a new "
     "window.",
     "Con un mouse: haga clic con el botón derecho en el botón del informe y elija abrir el "
     "enlace en una ventana nueva."},
    {"With a mouse that has only one button: hold down the Ctrl key while you click the "
     "report's button.",
     "Con un mouse de un solo botón: mantenga presionada la tecla Ctrl mientras hace clic en el "
     "botón del informe."},
    {"With a trackpad or a touch screen: tap the report's button with two fingers, which works "
     "like a right-click, or hold down the Ctrl key and tap the trackpad with one finger.",
     "Con un panel táctil o una pantalla táctil: toque el botón del informe con dos dedos, lo que "
     "equivale al clic derecho, o mantenga presionada la tecla Ctrl y toque el panel táctil con "
     "un dedo."},
    {"No students are linked to this account. If you expected to see your children's test score "
     "reports here, please contact the school.",
     "No hay estudiantes vinculados a esta cuenta. Si esperaba ver aquí los informes de resultados "
     "de sus hijos, comuníquese con la escuela."},
    {"Student {n} of {count}", "Estudiante {n} de {count}"},
    {"{name} (student {n} of {count})", "{name} (estudiante {n} de {count})"},
}};

}  // namespace

ui_language parse_ui_language(std::string_view code) {
  if (code.size() >= 2 && (code[0] == 'e' || code[0] == 'E') &&
      (code[1] == 's' || code[1] == 'S') &&
      (code.size() == 2 || code[2] == '-' || code[2] == '_')) {
    return ui_language::es;
  }
  return ui_language::en;
}

std::string_view language_tag(ui_language language) {
  return language == ui_language::es ? "es" : "en";
}

std::string_view text(ui_text id, ui_language language) {
  const auto index = static_cast<std::size_t>(id);
  if (index >= texts.size()) {
    return "?";
  }
  return language == ui_language::es ? texts[index].es : texts[index].en;
}

}  // namespace ssrlink::core

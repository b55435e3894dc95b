#include "manager_text.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace ssrlink::core {
namespace {

struct entry {
  std::string_view en;
  std::string_view es;
};

// In the order of enum class manager_text. The array's size is the enum's count; the
// static_asserts below catch an entry left out (the last one would be empty).
constexpr std::array<entry, static_cast<std::size_t>(manager_text::count_)> texts{{
    {"Score report notices", "Avisos de informes de resultados"},
    {"Score reports the sweep found and what became of their notices, those not viewed yet "
     "first",
     "Informes de resultados que encontró la revisión y qué pasó con sus avisos; primero los que "
     "aún no se han visto"},
    {"School", "Escuela"},
    {"Tag", "Etiqueta"},
    {"Leaving before", "Salida antes del"},
    {"Not viewed yet", "Aún no vistos"},
    {"No usable email", "Sin correo electrónico válido"},
    {"Show", "Mostrar"},
    {"Student", "Estudiante"},
    {"School", "Escuela"},
    {"Test", "Prueba"},
    {"Year", "Año"},
    {"Found", "Encontrado"},
    {"Emailed", "Enviado por correo"},
    {"Viewed", "Visto"},
    {"Notice", "Aviso"},
    {"Not yet", "Todavía no"},
    {"No usable email", "Sin correo electrónico válido"},
    {"No notice (not a new Final report)", "Sin aviso (no es un informe final nuevo)"},
    {"some guardians have no usable email", "algunos tutores no tienen correo electrónico válido"},
    {"Preliminary", "Preliminar"},
    {"Send notice", "Enviar aviso"},
    {"{student}, {test} {year}", "{student}, {test} {year}"},
    {"Student {id}", "Estudiante {id}"},
    {"Reports {first} to {last}", "Informes {first} a {last}"},
    {"The sweep has not found any score reports yet.",
     "La revisión todavía no ha encontrado ningún informe de resultados."},
    {"No score reports match these filters.",
     "Ningún informe de resultados coincide con estos filtros."},
    {"There are no more score reports. Go back to the previous page.",
     "No hay más informes de resultados. Vuelva a la página anterior."},
    {"Pages of the list", "Páginas de la lista"},
    {"Previous page", "Página anterior"},
    {"Next page", "Página siguiente"},
}};

static_assert(std::all_of(texts.begin(), texts.end(),
                          [](const entry &e) { return !e.en.empty() && !e.es.empty(); }),
              "every manager_text needs its English and Spanish words");

constexpr std::array<std::string_view, 12> months_en{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 12> months_es{"ene", "feb", "mar",  "abr", "may", "jun",
                                                     "jul", "ago", "sept", "oct", "nov", "dic"};

}  // namespace

std::string_view text(manager_text id, ui_language language) {
  const auto index = static_cast<std::size_t>(id);
  if (index >= texts.size()) {
    return "?";
  }
  return language == ui_language::es ? texts[index].es : texts[index].en;
}

std::string readable_day(std::chrono::year_month_day day, ui_language language) {
  const auto month = static_cast<unsigned>(day.month());
  const std::string_view name =
      month >= 1 && month <= 12 ? (language == ui_language::es ? months_es : months_en)[month - 1]
                                : std::string_view("?");
  const std::string number = std::to_string(static_cast<unsigned>(day.day()));
  const std::string year = std::to_string(static_cast<int>(day.year()));
  std::string out;
  if (language == ui_language::es) {
    out.append(number).append(" ").append(name).append(" ").append(year);  // 23 nov 2026
  } else {
    out.append(name).append(" ").append(number).append(", ").append(year);  // Nov 23, 2026
  }
  return out;
}

}  // namespace ssrlink::core

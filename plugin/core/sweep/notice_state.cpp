#include "sweep_store.hpp"

namespace ssrlink::core {

const char *notice_state_name(notice_state state) {
  switch (state) {
    case notice_state::none:
      return "none";
    case notice_state::queued:
      return "queued";
    case notice_state::partial:
      return "partial";
    case notice_state::no_email:
      return "no_email";
  }
  return "none";
}

}  // namespace ssrlink::core

#include "sweep_service.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "notice_template.hpp"
#include "school_year.hpp"

namespace ssrlink::core {

namespace {

const char *fault_name(ets_fault fault) {
  switch (fault) {
    case ets_fault::answered:
      return "answered";
    case ets_fault::unreachable:
      return "unreachable";
    case ets_fault::timed_out:
      return "timed_out";
    case ets_fault::tls:
      return "tls";
    case ets_fault::rate_limited:
      return "rate_limited";
    case ets_fault::bad_response:
      return "bad_response";
  }
  return "bad_response";
}

const char *error_name(ets_error error) {
  switch (error) {
    case ets_error::not_authorized:
      return "not_authorized";
    case ets_error::no_test_data:
      return "no_test_data";
    case ets_error::ssid_not_found:
      return "ssid_not_found";
    case ets_error::enrollment_mismatch:
      return "enrollment_mismatch";
    case ets_error::internal_error:
      return "internal_error";
    case ets_error::processing_error:
      return "processing_error";
  }
  return "processing_error";
}

// Completed ETS calls, handed from the adapter's thread to the sweep's thread. Shared with the
// callbacks so that it outlives any call still in flight when the sweep unwinds.
struct completion_queue {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<std::pair<std::size_t, ets_reports_result>> done;
  std::size_t in_flight = 0;

  void push(std::size_t index, ets_reports_result result) {
    {
      std::lock_guard lock(mutex);
      done.emplace_back(index, std::move(result));
    }
    ready.notify_one();
  }

  std::pair<std::size_t, ets_reports_result> pop() {
    std::unique_lock lock(mutex);
    ready.wait(lock, [&] { return !done.empty(); });
    auto item = std::move(done.front());
    done.pop_front();
    --in_flight;
    return item;
  }

  void drain() {
    std::unique_lock lock(mutex);
    ready.wait(lock, [&] { return done.size() >= in_flight; });
  }
};

}  // namespace

std::string error_kind(const ets_failure &failure) {
  return failure.fault == ets_fault::answered ? error_name(failure.error)
                                              : fault_name(failure.fault);
}

bool usable_email(std::string_view email) {
  if (email.empty() || email.size() > 320) {
    return false;
  }
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size() ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return std::none_of(email.begin(), email.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';';
  });
}

// Everything one run needs between batches.
class sweep_service::run_state {
 public:
  run_state(sweep_service &service, const sweep_request &request) : s_(service), request_(request) {
    today_ = std::chrono::floor<std::chrono::days>(s_.clock_.now());
    years_ = notifying_years(today_, request.include_previous_year);
  }

  // Checks the students of one range; false when max_students stopped it part way. `batch`
  // (absent in a dry run) is renewed while the range takes long.
  bool process(const student_range &range, const claimed_batch *batch = nullptr) {
    batch_ = batch;
    renewed_at_ = s_.clock_.now();
    std::vector<sweep_student> students = s_.store_.students(range, request_.school());
    logged_ = s_.store_.logged(range);
    std::vector<const sweep_student *> work;
    bool complete = true;
    for (const sweep_student &student : students) {
      if (skipped(student)) {
        continue;
      }
      if (request_.max_students && counts.students_checked >= *request_.max_students) {
        complete = false;
        break;
      }
      ++counts.students_checked;
      if (student.ssid.empty()) {
        ++counts.no_ssid;
        continue;
      }
      if (!credentials_for(student.school_code)) {
        ++counts.errors["no_credentials"];
        continue;
      }
      work.push_back(&student);
    }
    fetch_all(work);
    return complete;
  }

  sweep_counts counts;

 private:
  bool skipped(const sweep_student &student) const {
    if (request_.skip_leave_before && student.leave_date &&
        *student.leave_date < *request_.skip_leave_before) {
      return true;
    }
    return !student.tag.empty() && std::find(request_.skip_tags.begin(), request_.skip_tags.end(),
                                             student.tag) != request_.skip_tags.end();
  }

  const ets_credentials *credentials_for(const std::string &school) {
    auto it = credentials_.find(school);
    if (it == credentials_.end()) {
      std::optional<resolved_credentials> found = s_.credentials_.for_school(school);
      it = credentials_
               .emplace(school, found ? std::optional<ets_credentials>(found->pair) : std::nullopt)
               .first;
    }
    return it->second ? &*it->second : nullptr;
  }

  // Keeps up to `concurrency` calls in flight and handles each answer on this thread, so the
  // database work never runs on (and never blocks) the ETS adapter's thread.
  void fetch_all(const std::vector<const sweep_student *> &work) {
    auto queue = std::make_shared<completion_queue>();
    std::size_t next = 0;
    std::size_t handled = 0;
    try {
      while (handled < work.size()) {
        while (next < work.size() && in_flight(*queue) < request_.concurrency) {
          const sweep_student &student = *work[next];
          {
            std::lock_guard lock(queue->mutex);
            ++queue->in_flight;
          }
          s_.ets_.fetch_reports_async(*credentials_for(student.school_code), student.ssid,
                                      [queue, index = next](ets_reports_result result) {
                                        queue->push(index, std::move(result));
                                      });
          ++next;
        }
        auto [index, result] = queue->pop();
        ++handled;
        handle(*work[index], result);
        renew_if_due();
      }
    } catch (...) {
      queue->drain();  // no callback may outlive what it points at
      throw;
    }
  }

  // Keeps a slow batch's lease alive: renewed once half of it has passed, so that only a
  // crashed worker's batch is ever taken over.
  void renew_if_due() {
    if (batch_ == nullptr) {
      return;
    }
    const time_point now = s_.clock_.now();
    if (now - renewed_at_ < request_.lease / 2) {
      return;
    }
    renewed_at_ = now;
    if (!s_.store_.renew_batch(*batch_, request_.worker, now, request_.lease)) {
      s_.log_.log(log_level::warning, "Sweep worker " + request_.worker +
                                          " could not renew its lease on a batch; another worker "
                                          "may check the same students (no notice is sent twice).");
    }
  }

  static std::size_t in_flight(completion_queue &queue) {
    std::lock_guard lock(queue.mutex);
    return queue.in_flight;
  }

  void handle(const sweep_student &student, const ets_reports_result &result) {
    if (!result.ok()) {
      if (result.failure().fault != ets_fault::answered ||
          result.failure().error != ets_error::no_test_data) {
        ++counts.errors[error_kind(result.failure())];
      }
      return;
    }
    const auto logged = logged_.find(student.ssid);
    std::vector<detected_report> changes = detect_changes(
        result.reports(), logged == logged_.end() ? logged_statuses{} : logged->second, years_);
    if (changes.empty()) {
      return;
    }
    std::vector<report_write> writes = plan_writes(student, std::move(changes));
    if (request_.dry_run) {
      tally(writes);
      return;
    }
    try {
      if (!s_.store_.record(student, writes, s_.clock_.now())) {
        // Another process logged one of these reports first: look again with its rows.
        changes = detect_changes(result.reports(), s_.store_.logged_for(student.ssid), years_);
        writes = plan_writes(student, std::move(changes));
        if (!writes.empty() && !s_.store_.record(student, writes, s_.clock_.now())) {
          ++counts.errors["conflict"];
          return;
        }
      }
      tally(writes);
    } catch (const failure &e) {
      ++counts.errors["database"];
      s_.log_.log(log_level::error, "The sweep could not record student " +
                                        std::to_string(student.student_id) +
                                        "'s reports: " + e.what());
    }
  }

  std::vector<report_write> plan_writes(const sweep_student &student,
                                        std::vector<detected_report> changes) {
    std::vector<report_write> writes;
    std::optional<std::vector<contact_facts>> contacts;
    for (detected_report &change : changes) {
      report_write write;
      write.change = std::move(change);
      if (write.change.notify) {
        if (!contacts) {
          contacts = s_.store_.contacts(student.student_id);
        }
        std::size_t with_rights = 0;
        for (const contact_facts &contact : *contacts) {
          if (!contact.educational_rights) {
            continue;
          }
          ++with_rights;
          if (!usable_email(contact.email)) {
            continue;
          }
          notice_facts facts;
          facts.test = write.change.report.test;
          facts.year = write.change.report.year;
          facts.school_name = student.school_name;
          facts.kind = student.do_not_release || student.hide_contact || contact.hide_contact
                           ? notice_kind::contact_school
                           : notice_kind::portal;
          notice_text text = compose_notice(contact.language, facts);
          write.notices.push_back({contact.sequence, contact.email, std::move(text.language),
                                   std::move(text.subject), std::move(text.body_text),
                                   std::move(text.body_html), write.change.report.key});
        }
        write.notice = write.notices.empty()                 ? notice_state::no_email
                       : write.notices.size() == with_rights ? notice_state::queued
                                                             : notice_state::partial;
        write.missing_email = with_rights - write.notices.size();
      }
      writes.push_back(std::move(write));
    }
    return writes;
  }

  void tally(const std::vector<report_write> &writes) {
    for (const report_write &write : writes) {
      if (write.change.notify) {
        ++counts.new_reports;
        counts.notices_queued += static_cast<std::int64_t>(write.notices.size());
        counts.no_email += static_cast<std::int64_t>(write.missing_email);
      }
    }
  }

  sweep_service &s_;
  const sweep_request &request_;
  day_point today_{};
  std::vector<std::string> years_;
  std::map<std::string, std::optional<ets_credentials>> credentials_;
  std::map<std::string, logged_statuses> logged_;
  const claimed_batch *batch_ = nullptr;
  time_point renewed_at_{};
};

sweep_service::sweep_service(sweep_store &store, ets_client &ets, credential_resolver &credentials,
                             const clock &clock, logger &log, sweep_options options)
    : store_(store),
      ets_(ets),
      credentials_(credentials),
      clock_(clock),
      log_(log),
      options_(std::move(options)) {}

call_result sweep_service::run(std::string_view request_json, const progress_callback &progress) {
  const sweep_request request = parse_sweep_request(request_json, options_.default_worker);
  return {status::ok, run(request, progress).to_json()};
}

sweep_counts sweep_service::run(const sweep_request &request, const progress_callback &progress) {
  const time_point started = clock_.now();
  run_state state(*this, request);
  // A run is the scope on one day: a rerun the same day (after a crash, or by another process)
  // resumes the batches not done yet instead of starting over.
  const std::string run_key =
      request.scope + "@" + format_day(std::chrono::floor<std::chrono::days>(started));
  const std::vector<student_range> ranges =
      store_.plan_ranges(request.school(), options_.batch_size);
  if (!request.dry_run) {
    store_.create_leases(run_key, ranges, started);
  }
  std::int64_t batches = 0;
  std::size_t next_range = 0;
  const auto report = [&] {
    if (!progress) {
      return;
    }
    state.counts.elapsed_ms = (clock_.now() - started).count();
    boost::json::object json = boost::json::parse(state.counts.to_json()).as_object();
    json["batches"] = batches;
    json["worker"] = request.worker;
    progress(boost::json::serialize(json));
  };
  for (;;) {
    if (request.dry_run) {
      // A dry run writes nothing, leases included: it walks the ranges itself.
      if (next_range == ranges.size()) {
        break;
      }
      const bool complete = state.process(ranges[next_range++]);
      ++batches;
      report();
      if (!complete) {
        break;
      }
      continue;
    }
    std::optional<claimed_batch> batch =
        store_.claim_batch(run_key, request.worker, clock_.now(), request.lease);
    if (!batch) {
      // Batches still held by other workers: wait for them to finish, or for a crashed
      // worker's lease to expire and take its batch over, so that a run ends complete.
      const std::optional<time_point> pending = store_.pending_until(run_key);
      if (!pending) {
        break;
      }
      const auto wait = std::clamp<std::chrono::milliseconds>(
          *pending - clock_.now() + std::chrono::milliseconds(20), std::chrono::milliseconds(20),
          std::chrono::milliseconds(1000));
      std::this_thread::sleep_for(wait);
      continue;
    }
    bool complete = false;
    try {
      complete = state.process(batch->range, &*batch);
    } catch (...) {
      try {
        store_.release_batch(*batch, request.worker);
      } catch (const failure &) {
        // The lease expires on its own; the first error is the one worth reporting.
      }
      throw;
    }
    if (!complete) {
      store_.release_batch(*batch, request.worker);
      ++batches;
      report();
      break;
    }
    if (!store_.finish_batch(*batch, request.worker, clock_.now())) {
      log_.log(log_level::warning, "Sweep worker " + request.worker +
                                       " lost its lease on a batch before finishing it; another "
                                       "worker may have checked the same students (no notice is "
                                       "sent twice).");
    }
    ++batches;
    report();
  }
  state.counts.elapsed_ms = (clock_.now() - started).count();
  log_.log(log_level::info, "Sweep " + run_key + (request.dry_run ? " (dry run)" : "") + " by " +
                                request.worker + " finished: " + state.counts.to_json());
  return state.counts;
}

}  // namespace ssrlink::core

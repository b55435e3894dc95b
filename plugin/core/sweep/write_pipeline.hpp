// The sweep's writer: a thread of its own that plans and records the students the ETS answers
// changed (student_recorder.hpp) while the sweep's thread keeps the ETS calls in flight, so the
// fan-out never waits for the database while ETS is the slower of the two.
//
// Rules:
//  1. submit never waits: a student waits in the queue until the writer takes it (the queue
//     holds at most one lease batch, as range_check flushes at the end of every batch).
//  2. The writer takes everything queued since it last took, at most max_batch students, and
//     records it as one batch (one transaction, range_check.hpp rule 11).
//  3. flush waits until every student submitted is recorded, calling `while_waiting` about once
//     a second (a lease is kept alive there); range_check flushes before a batch's lease is
//     finished, so a lease is only ever finished over committed rows.
//  4. The recorder's counts are read only after flush, while the writer is idle.
//  5. An exception that escapes the recorder (reading the contacts failed; a failure to record
//     is counted instead, range_check.hpp rule 9) stops the writer and drops what is queued;
//     flush throws it on the sweep's thread, so the run ends as when that thread read the
//     contacts itself, and the lease is given back (leased_run.hpp, rule 2).
//  6. Destroyed with students still queued (the sweep's thread is unwinding), the writer ends
//     the batch it is writing and drops the rest: like a crash, it loses only rows not committed,
//     and the lease, given back, lets a worker check those students again.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "student_recorder.hpp"

namespace ssrlink::core {

class write_pipeline {
 public:
  static constexpr std::size_t default_max_batch = 100;

  // `recorder` must outlive the pipeline; it is used on the writer's thread only.
  explicit write_pipeline(student_recorder &recorder, std::size_t max_batch = default_max_batch);
  ~write_pipeline();
  write_pipeline(const write_pipeline &) = delete;
  write_pipeline &operator=(const write_pipeline &) = delete;

  // Rule 1.
  void submit(pending_student student);
  // Rules 3 and 5.
  void flush(const std::function<void()> &while_waiting);

 private:
  void loop();

  student_recorder &recorder_;
  std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable work_;  // the writer waits here for students or the stop
  std::condition_variable idle_;  // flush waits here for an empty queue and an idle writer
  std::deque<pending_student> queue_;
  bool writing_ = false;
  bool stopping_ = false;
  std::exception_ptr error_;
  std::thread writer_;  // last: started once everything above is ready
};

}  // namespace ssrlink::core

// Who runs the ETS client's io_context: the thread that waits for an answer, when it can, else a
// thread of the driver's own.
//
// A blocking call used to post its work to the client's io thread and sleep until that thread
// handed the answer back: two thread wake-ups per call besides the network's own, 70–125 µs on
// the project's 2-core machine against a loopback exchange of about 200 µs
// (docs/performance.md, section 3). When nothing else is running the io_context, the caller
// runs it itself: it writes its request, waits in epoll for the answer and completes its call on
// its own thread, as curl does.
//
// Rules:
//  1. At most one thread runs the io_context at any time (the "driver"), so what lives on it
//     (the connection pool, the pending token requests) still needs no lock; whoever drives next
//     takes over under this class's mutex, which orders what the last driver did before it.
//  2. A blocking caller (run_until) drives while no one else does, until its own work is done,
//     running whatever else is ready on the way (other calls' handlers and timers, so no one's
//     deadline waits for it), and then hands over.
//  3. While another thread drives, a blocking caller sleeps until its work is done or the
//     io_context is free, whichever comes first; when free, rule 2.
//  4. Work nobody waits on (announced with started(), the sweep's fetches) is driven by the
//     driver's own thread whenever no blocking caller is present; that thread then drives until
//     the io_context runs out of work, serving blocking callers' work too.
//  5. A driver that stops hands over at once: to a waiting blocking caller, else to the driver's
//     own thread when work nobody waits on is pending.
//  6. stop() (and the destructor) lets pending work nobody waits on run to its end (each call
//     has its deadline), then stops the thread. No blocking call may still be running.
#pragma once

#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace ssrlink::ets {

class io_driver {
 public:
  // `io` must outlive the driver; nothing else may run it.
  explicit io_driver(boost::asio::io_context &io);
  ~io_driver();  // stop()
  io_driver(const io_driver &) = delete;
  io_driver &operator=(const io_driver &) = delete;

  // Rule 4: call right after posting work nobody waits on, and finished_unwaited() from its
  // last handler (which may run first: the count may dip below zero for a moment).
  void started();
  void finished_unwaited();

  // Rules 2 and 3: after posting work whose last handler calls finished(done), returns once it
  // has. `done` belongs to the caller and is written only by finished(), under the mutex.
  void run_until(const bool &done);
  void finished(bool &done);

  // Rule 6. The driver stays usable by the handlers it still runs; call once, from outside them.
  void stop();

 private:
  void background();        // rule 4, the driver's own thread
  void hand_over_locked();  // rule 5; mutex_ held
  void drive_until(const bool &done);

  boost::asio::io_context &io_;
  std::mutex mutex_;
  std::condition_variable blocked_wake_;  // blocking callers: their work done, or no driver
  std::condition_variable idle_wake_;     // the driver's own thread: unwaited work, or stop
  bool driving_ = false;                  // someone is running the io_context
  bool stopping_ = false;
  long unwaited_ = 0;  // work nobody waits on, started and not finished (rule 4)
  int blocked_ = 0;    // blocking callers inside run_until
  std::thread thread_;
};

}  // namespace ssrlink::ets

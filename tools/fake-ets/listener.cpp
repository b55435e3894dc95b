#include "listener.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>

#include "http_session.hpp"

namespace ssrlink::fake_ets {

listener::listener(boost::asio::io_context &io, boost::asio::ip::tcp::acceptor acceptor,
                   boost::asio::ssl::context &tls, api_handler &handler, server_state &state)
    : io_(io), acceptor_(std::move(acceptor)), tls_(tls), handler_(handler), state_(state) {}

void listener::start() {
  accept_next();
}

void listener::stop() {
  boost::asio::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
  });
}

void listener::accept_next() {
  acceptor_.async_accept(boost::asio::make_strand(io_), [self = shared_from_this()](
                                                            boost::system::error_code ec,
                                                            boost::asio::ip::tcp::socket socket) {
    if (ec == boost::asio::error::operation_aborted || !self->acceptor_.is_open()) {
      return;
    }
    if (!ec) {
      ++self->state_.counters().connections;
      std::make_shared<http_session>(std::move(socket), self->tls_, self->handler_)->start();
    }
    // Transient accept errors (e.g. too many open files) must not end the server.
    self->accept_next();
  });
}

}  // namespace ssrlink::fake_ets

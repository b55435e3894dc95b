#include "endpoint.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>

#include "core/error.hpp"

namespace ssrlink::ets {

endpoint parse_base_url(const std::string &base_url) {
  const auto bad = [](const std::string &why) {
    return core::failure(core::status::config, "ets.base_url " + why);
  };
  auto parsed = boost::urls::parse_absolute_uri(base_url);
  if (!parsed) {
    throw bad("is not an absolute URL");
  }
  const boost::urls::url_view &u = *parsed;
  if (u.scheme_id() != boost::urls::scheme::https) {
    throw bad("must use https");
  }
  if (u.has_userinfo() || u.has_query() || u.has_fragment()) {
    throw bad("must not carry user info, a query or a fragment");
  }
  endpoint ep;
  ep.host = u.encoded_host_address().decode();
  if (ep.host.empty()) {
    throw bad("has no host");
  }
  boost::system::error_code ec;
  boost::asio::ip::make_address(ep.host, ec);
  ep.host_is_ip = !ec;
  if (u.has_port()) {
    if (u.port_number() == 0) {
      throw bad("has an unusable port");
    }
    ep.port = std::to_string(u.port_number());
  } else {
    ep.port = "443";
  }
  const bool ipv6 = u.host_type() == boost::urls::host_type::ipv6;
  ep.host_header = ipv6 ? "[" + ep.host + "]" : ep.host;
  if (ep.port != "443") {
    ep.host_header += ":" + ep.port;
  }
  ep.base_path = std::string(u.encoded_path());
  while (!ep.base_path.empty() && ep.base_path.back() == '/') {
    ep.base_path.pop_back();
  }
  return ep;
}

}  // namespace ssrlink::ets

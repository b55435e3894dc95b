#include "cert_maker.hpp"

#include <arpa/inet.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace ssrlink::fake_ets {
namespace {

struct pkey_free {
  void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct x509_free {
  void operator()(X509 *cert) const { X509_free(cert); }
};
struct bio_free {
  void operator()(BIO *bio) const { BIO_free_all(bio); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;
using bio_ptr = std::unique_ptr<BIO, bio_free>;

void check(bool ok, const std::string &step) {
  if (!ok) {
    throw std::runtime_error("make-cert: " + step + " failed");
  }
}

// P-256 keys: quick to generate (every test fixture makes its own) and accepted everywhere.
pkey_ptr new_key() {
  pkey_ptr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "generating an EC P-256 key");
  return key;
}

bool is_ip_address(const std::string &name) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, name.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, name.c_str(), buffer) == 1;
}

void add_extension(X509 *cert, X509 *issuer, int nid, const std::string &value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  check(extension != nullptr, "building extension " + std::string(OBJ_nid2sn(nid)));
  const int added = X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
  check(added == 1, "adding extension " + std::string(OBJ_nid2sn(nid)));
}

// A certificate for `subject_key` named `common_name`, not yet signed. Issuer name and the
// extensions that depend on the issuer are set by the caller.
x509_ptr new_certificate(EVP_PKEY *subject_key, const std::string &common_name) {
  x509_ptr cert(X509_new());
  check(cert != nullptr, "X509_new");
  check(X509_set_version(cert.get(), 2) == 1, "setting the certificate version");
  // A random 127-bit serial: every run's CA is different, so stale trust never matches.
  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), BN_free);
  check(serial && BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1,
        "making a serial number");
  check(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr,
        "setting the serial number");
  // Valid from an hour ago (clock skew between test processes) for 30 days.
  check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr, "notBefore");
  check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 24 * 3600) != nullptr, "notAfter");
  check(X509_set_pubkey(cert.get(), subject_key) == 1, "setting the public key");
  X509_NAME *name = X509_get_subject_name(cert.get());
  const auto add = [&](const char *field, const std::string &value) {
    check(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char *>(value.c_str()), -1, -1,
                                     0) == 1,
          std::string("setting subject ") + field);
  };
  add("O", "ssrlink fake-ets (test only)");
  add("CN", common_name);
  return cert;
}

void sign(X509 *cert, EVP_PKEY *issuer_key) {
  check(X509_sign(cert, issuer_key, EVP_sha256()) > 0, "signing the certificate");
}

void write_file(const std::filesystem::path &path, bool secret,
                const std::function<int(BIO *)> &write) {
  bio_ptr bio(BIO_new_file(path.c_str(), "w"));
  check(bio != nullptr, "opening " + path.string());
  if (secret) {
    check(chmod(path.c_str(), S_IRUSR | S_IWUSR) == 0, "chmod 600 " + path.string());
  }
  check(write(bio.get()) == 1, "writing " + path.string());
}

void write_key(const std::filesystem::path &path, EVP_PKEY *key) {
  write_file(path, true, [key](BIO *bio) {
    return PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  });
}

void write_cert(const std::filesystem::path &path, X509 *cert) {
  write_file(path, false, [cert](BIO *bio) { return PEM_write_bio_X509(bio, cert); });
}

std::string subject_alt_names(const std::vector<std::string> &names) {
  std::string value;
  for (const auto &name : names) {
    if (name.empty() || name.find_first_of(",\n") != std::string::npos) {
      throw std::runtime_error("make-cert: bad --name '" + name + "'");
    }
    if (!value.empty()) {
      value += ",";
    }
    value += (is_ip_address(name) ? "IP:" : "DNS:") + name;
  }
  return value;
}

}  // namespace

void make_certificates(const make_cert_options &options) {
  const std::filesystem::path dir(options.dir);
  std::filesystem::create_directories(dir);

  pkey_ptr ca_key = new_key();
  x509_ptr ca = new_certificate(ca_key.get(), "ssrlink fake-ets test CA");
  check(X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())) == 1, "CA issuer");
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  sign(ca.get(), ca_key.get());

  pkey_ptr server_key = new_key();
  x509_ptr server = new_certificate(server_key.get(), options.names.front());
  // Self-signed mode: the server certificate is its own issuer, so the chain to ca.pem breaks.
  X509 *issuer = options.self_signed ? server.get() : ca.get();
  EVP_PKEY *issuer_key = options.self_signed ? server_key.get() : ca_key.get();
  check(X509_set_issuer_name(server.get(), X509_get_subject_name(issuer)) == 1, "server issuer");
  add_extension(server.get(), issuer, NID_basic_constraints, "critical,CA:FALSE");
  add_extension(server.get(), issuer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
  add_extension(server.get(), issuer, NID_ext_key_usage, "serverAuth");
  add_extension(server.get(), issuer, NID_subject_key_identifier, "hash");
  if (!options.self_signed) {
    add_extension(server.get(), issuer, NID_authority_key_identifier, "keyid:always");
  }
  add_extension(server.get(), issuer, NID_subject_alt_name, subject_alt_names(options.names));
  sign(server.get(), issuer_key);

  write_key(dir / "ca.key", ca_key.get());
  write_cert(dir / "ca.pem", ca.get());
  write_key(dir / "server.key", server_key.get());
  write_cert(dir / "server.pem", server.get());
}

}  // namespace ssrlink::fake_ets

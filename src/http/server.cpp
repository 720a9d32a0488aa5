#include "http/server.hpp"

#include <Poco/ErrorHandler.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/ServerSocketImpl.h>
#include <Poco/Net/StreamSocketImpl.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timestamp.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "common/error.hpp"
#include "common/log.hpp"

namespace the5hc::http {

namespace {

// A connection's socket, as POCO's with two system calls fewer per request and three fewer per wait.
// Between two requests of a keep-alive connection POCO waits in SocketImpl::poll, which on Linux creates an epoll
// instance, registers the socket, waits and closes the instance: four system calls where poll(2) makes one. And
// each request asks the kernel for both addresses of the connection (getpeername, getsockname), which do not
// change. Under wrk -t2 -c32 these were an eighth of the machine's CPU time (perf, client list; issue 11).
class ConnectionSocketImpl : public Poco::Net::StreamSocketImpl {
 public:
  ConnectionSocketImpl(poco_socket_t fd, const Poco::Net::SocketAddress& peer) : StreamSocketImpl(fd), peer_(peer) {}

  // As SocketImpl::poll: true when the socket is ready in one of the modes (an error or a hang-up counts), false
  // when the timeout passed; a failure throws. A signal does not cut the wait short.
  bool poll(const Poco::Timespan& timeout, int mode) override {
    if (sockfd() == POCO_INVALID_SOCKET) throw Poco::Net::InvalidSocketException();
    pollfd p{sockfd(), 0, 0};
    if (mode & SELECT_READ) p.events |= POLLIN;
    if (mode & SELECT_WRITE) p.events |= POLLOUT;
    if (mode & SELECT_ERROR) p.events |= POLLPRI;
    Poco::Timespan remaining = timeout;
    int rc;
    for (;;) {
      Poco::Timestamp start;
      rc = ::poll(&p, 1, static_cast<int>(remaining.totalMilliseconds()));
      if (rc >= 0 || errno != EINTR) break;
      const Poco::Timespan waited = start.elapsed();
      remaining = waited < remaining ? remaining - waited : Poco::Timespan(0);
    }
    if (rc < 0) error();
    return rc > 0;
  }
  Poco::Net::SocketAddress peerAddress() override { return peer_; }
  Poco::Net::SocketAddress address() override {
    if (!local_) local_ = StreamSocketImpl::address();
    return *local_;
  }

 private:
  const Poco::Net::SocketAddress peer_;            // as accept(2) gave it
  std::optional<Poco::Net::SocketAddress> local_;  // asked once (one thread serves a connection)
};

// The listening socket: accepts connections as ConnectionSocketImpl (and close-on-exec, so that a child process —
// a backup's pg_dump — holds no client's connection open).
class ListeningSocketImpl : public Poco::Net::ServerSocketImpl {
 public:
  Poco::Net::SocketImpl* acceptConnection(Poco::Net::SocketAddress& client) override {
    if (sockfd() == POCO_INVALID_SOCKET) throw Poco::Net::InvalidSocketException();
    sockaddr_storage address{};
    socklen_t size;
    int fd;
    do {
      size = sizeof address;
      fd = ::accept4(sockfd(), reinterpret_cast<sockaddr*>(&address), &size, SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) error();  // throws, as POCO's accept does
    client = Poco::Net::SocketAddress(reinterpret_cast<const sockaddr*>(&address), static_cast<poco_socklen_t>(size));
    return new ConnectionSocketImpl(fd, client);
  }
};

class ListeningSocket : public Poco::Net::ServerSocket {
 public:
  ListeningSocket() : ServerSocket(new ListeningSocketImpl, true) {}
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  std::atomic<bool> draining{false};
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  std::unique_ptr<Poco::ThreadPool> pool;
  ListeningSocket socket;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  int port = 0;
  bool started = false;
  bool stopped = false;
  std::mutex stop_mutex;
};

namespace {

// Connection-level failures (client went away, read timeout) are routine; POCO would otherwise print them.
class QuietErrorHandler : public Poco::ErrorHandler {
 public:
  void exception(const Poco::Exception& e) override { log::debug("app", "connection error", {{"error", e.displayText()}}); }
  void exception(const std::exception& e) override { log::debug("app", "connection error", {{"error", e.what()}}); }
  void exception() override { log::debug("app", "connection error"); }
};

void send_plain(Poco::Net::HTTPServerResponse& res, int status, const std::string& text) {
  res.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  res.setKeepAlive(false);
  res.setContentType("text/plain; charset=utf-8");
  res.sendBuffer(text.data(), text.size());
}

}  // namespace

bool parse_target(const std::string& target, Request& req) {
  std::string_view t = target;
  if (!t.starts_with('/')) {
    // absolute-form ("http://host/path?q"): the authority is the Host header's business, keep path and query
    if (t == "*") t = "/*";  // OPTIONS * names the server; no route matches it
    else if (auto scheme = t.find("://"); scheme != std::string_view::npos) {
      auto slash = t.find('/', scheme + 3);
      auto question = t.find('?', scheme + 3);
      if (slash == std::string_view::npos || (question != std::string_view::npos && question < slash))
        t = question == std::string_view::npos ? std::string_view("/") : t.substr(question);
      else
        t = t.substr(slash);
    } else {
      return false;
    }
  }
  t = t.substr(0, t.find('#'));
  auto q = t.find('?');
  std::string_view raw_path = t.substr(0, q);
  if (q != std::string_view::npos) req.raw_query = std::string(t.substr(q + 1));
  auto decoded = url_decode(raw_path, false);
  if (!decoded) return false;
  req.path = raw_path.starts_with('?') || raw_path.empty() ? "/" : std::move(*decoded);
  req.query = QueryParams::parse(req.raw_query);
  return true;
}

namespace {

class RequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RequestHandler(Server::Impl* impl) : impl_(impl) {}

  void handleRequest(Poco::Net::HTTPServerRequest& preq, Poco::Net::HTTPServerResponse& pres) override {
    impl_->in_flight.fetch_add(1);
    struct Leave {
      std::atomic<int>& n;
      ~Leave() { n.fetch_sub(1); }
    } leave{impl_->in_flight};
    try {
      handle(preq, pres);
    } catch (const Poco::Exception& e) {
      fail(pres, e.displayText());
    } catch (const std::exception& e) {
      fail(pres, e.what());
    }
  }

 private:
  void handle(Poco::Net::HTTPServerRequest& preq, Poco::Net::HTTPServerResponse& pres) {
    const ServerOptions& opt = impl_->options;
    // POCO checks only the length of the version token, and echoes it in the status line.
    if (preq.getVersion() != Poco::Net::HTTPMessage::HTTP_1_1 && preq.getVersion() != Poco::Net::HTTPMessage::HTTP_1_0) {
      pres.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
      return send_plain(pres, 400, "Bad Request\n");
    }
    Request req;
    req.method = preq.getMethod();
    req.target = preq.getURI();

    // POCO bounds each header line and the header count, but not their total (OPERATIONS.md §4: 16 KiB).
    std::size_t header_bytes = req.method.size() + req.target.size() + 11;
    for (const auto& [name, value] : preq) header_bytes += name.size() + value.size() + 4;
    if (header_bytes > opt.max_header_bytes) return send_plain(pres, 431, "Request Header Fields Too Large\n");
    if (!parse_target(req.target, req)) return send_plain(pres, 400, "Bad Request\n");
    for (const auto& [name, value] : preq) req.headers.add(name, value);
    req.peer_ip = preq.clientAddress().host().toString();
    req.client_ip = req.peer_ip;
    req.host = preq.get("Host", "");

    bool keep_alive = pres.getKeepAlive();
    if (preq.hasContentLength() && preq.getContentLength64() > static_cast<Poco::Int64>(opt.max_body_bytes)) {
      // Not read at all; the unread bytes make the connection unusable, so it closes after the 413.
      req.body_too_large = true;
      keep_alive = false;
    } else if (preq.hasContentLength() || preq.getChunkedTransferEncoding()) {
      // Without either header POCO would read until the client closes; such requests have no body.
      std::istream& in = preq.stream();
      char buf[16384];
      while (req.body.size() <= opt.max_body_bytes) {
        in.read(buf, sizeof buf);
        std::streamsize n = in.gcount();
        if (n <= 0) break;
        req.body.append(buf, static_cast<std::size_t>(n));
      }
      if (in.bad()) return send_plain(pres, 400, "Bad Request\n");  // truncated body or read timeout
      if (req.body.size() > opt.max_body_bytes) {
        req.body.clear();
        req.body_too_large = true;
        keep_alive = false;
      }
    }

    Response res;
    try {
      res = impl_->handler(req);
    } catch (...) {
      // The chain has its own error handler; this is the last line of defence and reveals nothing.
      res = Response::text(500, "Internal Server Error\n");
    }
    // Re-read: a stop() that began while the handler ran must still close this connection afterwards.
    write(res, preq, pres, keep_alive && !impl_->stopping.load());
    if (req.body_too_large) discard_rest(preq);
  }

  // Closing a socket with unread input makes the kernel send RST, which can destroy the 413 before the client
  // reads it (most clients write the whole body first). Reading a moderate excess away avoids that; a huge one is
  // cut off, as the read timeout bounds a client that stalls.
  void discard_rest(Poco::Net::HTTPServerRequest& preq) {
    const std::size_t cap = 16 * impl_->options.max_body_bytes;
    if (preq.hasContentLength() && preq.getContentLength64() > static_cast<Poco::Int64>(cap)) return;
    std::istream& in = preq.stream();
    char buf[16384];
    std::size_t total = 0;
    while (total < cap && in.read(buf, sizeof buf).gcount() > 0) total += static_cast<std::size_t>(in.gcount());
  }

  // Before anything was sent the request itself was unreadable (e.g. "Content-Length: abc"): 400. After, the
  // client is gone or stop() shut the connection down, and nothing is left to answer.
  void fail(Poco::Net::HTTPServerResponse& pres, const std::string& error) const {
    log::debug("app", "request failed at the connection level", {{"error", error}});
    pres.setKeepAlive(false);
    if (pres.sent() || wrote_) return;
    try {
      send_plain(pres, 400, "Bad Request\n");
    } catch (...) {
    }
  }

  void write(const Response& res, Poco::Net::HTTPServerRequest& preq, Poco::Net::HTTPServerResponse& pres,
             bool keep_alive) {
    pres.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(res.status));
    for (const auto& [name, value] : res.headers) {
      // Framing is the server's job; a handler-supplied value could desynchronise the connection.
      if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") || iequals(name, "Connection"))
        continue;
      if (iequals(name, "Content-Type") && !res.content_type.empty()) continue;  // the field wins, sent once
      pres.add(name, value);
    }
    if (!res.content_type.empty()) pres.setContentType(res.content_type);
    pres.setKeepAlive(keep_alive);
    if (res.status == 204 || res.status == 304 || res.status < 200) {
      pres.send();  // no body and no Content-Length (RFC 9110 §8.6)
      return;
    }
    // The status line, the headers and the body in one send. POCO's sendBuffer sends the headers, then the body: two
    // system calls and, with TCP_NODELAY, two segments that wake the client twice — sending was the largest part
    // of the kernel's time under wrk (issue 11). The headers are POCO's own text (HTTPResponse::write).
    auto* request = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&preq);
    if (!request) {
      pres.sendBuffer(res.body.data(), res.body.size());  // HEAD: headers only, Content-Length of the GET body
      return;
    }
    pres.setContentLength64(static_cast<Poco::Int64>(res.body.size()));
    pres.setChunkedTransferEncoding(false);
    std::ostringstream head;
    pres.write(head);
    std::string out = std::move(head).str();
    if (preq.getMethod() != Poco::Net::HTTPRequest::HTTP_HEAD) out += res.body;  // HEAD: the GET's length, no body
    wrote_ = true;  // from here a failure leaves the connection to close: nothing more may be sent on it
    request->socket().sendBytes(out.data(), static_cast<int>(out.size()));
  }

  Server::Impl* impl_;
  bool wrote_ = false;  // the response went out through write()'s own send
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(Server::Impl* impl) : impl_(impl) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new RequestHandler(impl_);
  }

 private:
  Server::Impl* impl_;
};

}  // namespace

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) { impl_->options = std::move(options); }

Server::~Server() {
  if (!impl_) return;
  if (impl_->started) {
    stop(std::chrono::seconds(5));
    if (impl_->in_flight.load() > 0) {
      // A handler outlived the grace period and still uses the server's objects; leaking them is the only safe
      // choice (the process is on its way out).
      log::error("app", "HTTP handlers still running after shutdown; abandoning them",
                 {{"in_flight", impl_->in_flight.load()}});
      (void)impl_.release();
      return;
    }
    impl_->server.reset();
    impl_->pool->joinAll();
  }
}

void Server::start(Handler handler) {
  if (impl_->started) throw Error(ErrorCode::internal, "server already started");
  if (impl_->options.threads < 1) throw Error(ErrorCode::config, "WORKER_THREADS: must be at least 1");
  static QuietErrorHandler quiet;
  static std::once_flag once;
  std::call_once(once, [] { Poco::ErrorHandler::set(&quiet); });

  const ServerOptions& opt = impl_->options;
  std::string where = opt.host + ":" + std::to_string(opt.port);
  try {
    Poco::Net::SocketAddress address(opt.host, static_cast<Poco::UInt16>(opt.port));
    // SO_REUSEADDR lets a restart bind while old connections sit in TIME_WAIT; SO_REUSEPORT would let a second
    // instance share the port silently (POCO's ServerSocket(port) sets both), so it stays off.
    impl_->socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
    impl_->socket.listen(opt.backlog);
  } catch (const Poco::Exception& e) {
    throw Error(ErrorCode::internal, "cannot listen on " + where + ": " + e.displayText());
  }
  impl_->port = impl_->socket.address().port();
  impl_->handler = std::move(handler);

  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(opt.threads);
  params->setMaxQueued(opt.backlog);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(static_cast<long>(opt.keep_alive_timeout.count()), 0));
  params->setTimeout(Poco::Timespan(static_cast<long>(opt.read_timeout.count()), 0));
  params->setMaxKeepAliveRequests(0);  // unlimited
  params->setSoftwareVersion("");      // no Server header
  params->setThreadIdleTime(Poco::Timespan(60, 0));

  impl_->pool = std::make_unique<Poco::ThreadPool>(std::min(2, opt.threads), opt.threads, 60);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(impl_.get()), *impl_->pool,
                                                          impl_->socket, params);
  impl_->server->start();
  impl_->started = true;
  log::info("app", "listening", {{"host", opt.host}, {"port", impl_->port}, {"threads", opt.threads}});
}

int Server::port() const { return impl_->port; }
const ServerOptions& Server::options() const { return impl_->options; }
void Server::begin_drain() { impl_->draining = true; }
bool Server::draining() const { return impl_->draining.load(); }
int Server::in_flight() const { return impl_->in_flight.load(); }

bool Server::stop(std::chrono::milliseconds timeout) {
  std::lock_guard lock(impl_->stop_mutex);
  if (!impl_->started || impl_->stopped) return impl_->in_flight.load() == 0;
  impl_->stopped = true;
  impl_->draining = true;
  impl_->stopping = true;  // every response from now on carries Connection: close
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto& server = *impl_->server;

  server.stop();           // joins the accept thread; connections queued for a worker are dropped
  impl_->socket.close();   // POCO keeps the listening socket open after stop(); closing it refuses new connections

  // In-flight requests finish and close their connections. Not HTTPServer::stopAll(false): it waits on each busy
  // connection without a timeout and would then block the abort below.
  while (impl_->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  bool finished = impl_->in_flight.load() == 0;

  // Shut down what is left: idle keep-alive connections and, after a timeout, the connections of requests still
  // running (their responses are lost).
  server.stopAll(true);
  auto settle = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (server.currentConnections() > 0 && std::chrono::steady_clock::now() < settle)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (!finished)
    log::warning("app", "shutdown timeout reached with requests still running",
                 {{"in_flight", impl_->in_flight.load()}});
  return finished;
}

}  // namespace the5hc::http

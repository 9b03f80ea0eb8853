// temporal-dev-server: `temporal server start-dev` for this project, on the current Temporal server.
//
// The Temporal CLI releases that embed a current server cannot be built from the Go module proxy, so this
// small program does what their dev server does with the server's own packages: one process with the
// frontend, history, matching and worker services, SQLite persistence (in memory, or a file that keeps
// everything across restarts), the namespaces and search attributes written into the database before the
// server starts (so a client finds them at its first call), and the Web UI beside it. It takes the flags
// the Temporal SDKs and `npm start` pass to `temporal server start-dev`; other CLI commands are the CLI's.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	uiserver "github.com/temporalio/ui-server/v2/server"
	uiconfig "github.com/temporalio/ui-server/v2/server/config"
	uiserveroptions "github.com/temporalio/ui-server/v2/server/server_options"
	uiversion "github.com/temporalio/ui-server/v2/server/version"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/headers"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/membership/static"
	"go.temporal.io/server/common/metrics"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	"go.temporal.io/server/common/primitives"
	sqliteschema "go.temporal.io/server/schema/sqlite"
	"go.temporal.io/server/temporal"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Set by the build (-ldflags -X main.version=…): the digest of this program's sources.
var version = "dev"

const clusterName = "active"

type options struct {
	ip, uiIP, dbFile, logFormat, logLevel, uiCodecEndpoint string
	port, httpPort, uiPort, metricsPort                    int
	headless                                               bool
	namespaces                                             []string
	searchAttributes                                       map[string]enumspb.IndexedValueType
	dynamicConfig                                          map[string]any
}

func main() {
	args := os.Args[1:]
	if len(args) == 1 && (args[0] == "--version" || args[0] == "-v") {
		fmt.Printf("temporal-dev-server %s (Server %s, UI %s)\n", version, headers.ServerVersion, uiversion.UIVersion)
		return
	}
	if len(args) < 2 || args[0] != "server" || args[1] != "start-dev" {
		fail("usage: temporal-dev-server server start-dev [flags] (other commands: use the Temporal CLI)")
	}
	opts, err := parse(args[2:])
	if err != nil {
		fail(err.Error())
	}
	if err := run(opts); err != nil {
		fail(err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "temporal-dev-server:", message)
	os.Exit(2)
}

// parse reads the flags of `temporal server start-dev` that this project and the SDKs use.
func parse(args []string) (*options, error) {
	o := &options{
		ip: "127.0.0.1", port: 7233, logFormat: "pretty", logLevel: "warn",
		searchAttributes: map[string]enumspb.IndexedValueType{},
		// What the CLI's dev server sets: search attributes visible at once, and the queries that costs.
		dynamicConfig: map[string]any{
			"system.forceSearchAttributesCacheRefreshOnRead": true,
			"frontend.persistenceMaxQPS":                     10000,
			"history.persistenceMaxQPS":                      45000,
		},
	}
	for i := 0; i < len(args); i++ {
		name, value, hasValue := strings.Cut(args[i], "=")
		next := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		number := func(target *int) error {
			text, err := next()
			if err != nil {
				return err
			}
			n, err := strconv.Atoi(text)
			if err != nil || n < 0 || n > 65535 {
				return fmt.Errorf("%s: %q is not a port number", name, text)
			}
			*target = n
			return nil
		}
		text := func(target *string) error {
			v, err := next()
			*target = v
			return err
		}
		var err error
		switch name {
		case "--ip":
			err = text(&o.ip)
		case "--port", "-p":
			err = number(&o.port)
		case "--http-port":
			err = number(&o.httpPort)
		case "--ui-ip":
			err = text(&o.uiIP)
		case "--ui-port":
			err = number(&o.uiPort)
		case "--metrics-port":
			err = number(&o.metricsPort)
		case "--headless":
			o.headless = !hasValue || value == "true"
		case "--db-filename", "-f":
			err = text(&o.dbFile)
		case "--namespace", "-n":
			var ns string
			if err = text(&ns); err == nil {
				o.namespaces = append(o.namespaces, ns)
			}
		case "--log-format":
			err = text(&o.logFormat)
		case "--log-level":
			err = text(&o.logLevel)
		case "--ui-codec-endpoint":
			err = text(&o.uiCodecEndpoint)
		case "--search-attribute":
			var pair string
			if err = text(&pair); err == nil {
				err = o.addSearchAttribute(pair)
			}
		case "--dynamic-config-value":
			var pair string
			if err = text(&pair); err == nil {
				err = o.addDynamicConfig(pair)
			}
		default:
			err = fmt.Errorf("unknown flag %s", name)
		}
		if err != nil {
			return nil, err
		}
	}
	if o.ip == "localhost" {
		o.ip = "127.0.0.1" // the server needs an address, not a name
	}
	if o.uiIP == "" {
		o.uiIP = o.ip
	}
	if o.uiPort == 0 {
		o.uiPort = o.port + 1000
	}
	o.namespaces = unique(append([]string{"default"}, o.namespaces...))
	return o, nil
}

func (o *options) addSearchAttribute(pair string) error {
	name, kind, ok := strings.Cut(pair, "=")
	value, known := enumspb.IndexedValueType_value["INDEXED_VALUE_TYPE_"+strings.ToUpper(kind)]
	if !ok || name == "" || !known {
		return fmt.Errorf("--search-attribute %q: want Name=Type, Type one of Keyword, Text, Int, Double, Bool, Datetime, KeywordList", pair)
	}
	o.searchAttributes[name] = enumspb.IndexedValueType(value)
	return nil
}

// addDynamicConfig takes KEY=VALUE with VALUE in JSON (a bare word is a string); whole numbers become ints.
func (o *options) addDynamicConfig(pair string) error {
	key, raw, ok := strings.Cut(pair, "=")
	if !ok || key == "" {
		return fmt.Errorf("--dynamic-config-value %q: want KEY=VALUE", pair)
	}
	var value any
	if err := json.Unmarshal([]byte(raw), &value); err != nil {
		value = raw
	}
	if f, isNumber := value.(float64); isNumber && f == float64(int(f)) {
		value = int(f)
	}
	o.dynamicConfig[key] = value
	return nil
}

func unique(values []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// freePort finds a port for a service the server binds a moment later. It looks below the kernel's
// ephemeral range: a port listen(0) hands out is also handed to the next outgoing connection, which could
// take it before the service binds it; below that range only a process that names the port can.
func freePort(ip string) (int, error) {
	lowest, highest := 10_000, ephemeralStart()-1
	span := highest - lowest + 1
	next := lowest + rand.Intn(span)
	for tried := 0; tried < span; tried++ {
		if listener, err := net.Listen("tcp", hostPort(ip, next)); err == nil {
			listener.Close()
			return next, nil
		}
		next = lowest + (next-lowest+1+rand.Intn(50))%span
	}
	return 0, fmt.Errorf("no free port on %s between %d and %d", ip, lowest, highest)
}

// ephemeralStart is the first port the kernel hands out on its own (Linux's default when unreadable).
func ephemeralStart() int {
	if data, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if fields := strings.Fields(string(data)); len(fields) > 0 {
			if port, err := strconv.Atoi(fields[0]); err == nil && port > 12_000 {
				return port
			}
		}
	}
	return 32_768
}

func hostPort(ip string, port int) string { return net.JoinHostPort(ip, strconv.Itoa(port)) }

func run(o *options) error {
	if o.httpPort == 0 {
		port, err := freePort(o.ip)
		if err != nil {
			return err
		}
		o.httpPort = port
	}
	sql, err := database(o)
	if err != nil {
		return err
	}
	conf, err := serverConfig(o, sql)
	if err != nil {
		return err
	}
	logger, err := serverLogger(o.logLevel, o.logFormat)
	if err != nil {
		return err
	}
	authorizer, err := authorization.GetAuthorizerFromConfig(&conf.Global.Authorization)
	if err != nil {
		return err
	}
	claimMapper, err := authorization.GetClaimMapperFromConfig(&conf.Global.Authorization, logger)
	if err != nil {
		return err
	}
	hosts := map[primitives.ServiceName]static.Hosts{}
	for _, service := range []primitives.ServiceName{
		primitives.FrontendService, primitives.HistoryService, primitives.MatchingService, primitives.WorkerService,
	} {
		hosts[service] = static.SingleLocalHost(hostPort("127.0.0.1", conf.Services[string(service)].RPC.GRPCPort))
	}
	dynamic := dynamicconfig.StaticClient{}
	for key, value := range o.dynamicConfig {
		dynamic[dynamicconfig.MakeKey(key)] = value
	}
	server, err := temporal.NewServer(
		temporal.WithConfig(conf),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithStaticHosts(hosts),
		temporal.WithLogger(logger),
		temporal.WithAuthorizer(authorizer),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return claimMapper }),
		temporal.WithDynamicConfigClient(dynamic),
	)
	if err != nil {
		return err
	}

	var ui *uiserver.Server
	if !o.headless {
		ui = uiserver.NewServer(uiserveroptions.WithConfigProvider(&uiconfig.Config{
			Host:                o.uiIP,
			Port:                o.uiPort,
			TemporalGRPCAddress: hostPort(o.ip, o.port),
			EnableUI:            true,
			Codec:               uiconfig.Codec{Endpoint: o.uiCodecEndpoint},
			CORS:                uiconfig.CORS{CookieInsecure: true},
			HideLogs:            true,
		}))
		go func() {
			if err := ui.Start(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				fmt.Fprintln(os.Stderr, "temporal-dev-server: the Web UI stopped:", err)
			}
		}()
	}
	if err := server.Start(); err != nil {
		if ui != nil {
			ui.Stop()
		}
		return err
	}
	fmt.Printf("Temporal server %s (dev, SQLite), UI %s\n\nServer:  %s\n", headers.ServerVersion, uiversion.UIVersion, hostPort(o.ip, o.port))
	if ui != nil {
		fmt.Printf("UI:      http://%s\n", hostPort(o.uiIP, o.uiPort))
	}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	if ui != nil {
		ui.Stop()
	}
	return server.Stop()
}

// database prepares SQLite (a new file gets its schema) and writes the namespaces into it, with the
// search attributes, before the server starts.
func database(o *options) (*config.SQL, error) {
	sql := &config.SQL{PluginName: sqliteplugin.PluginName}
	if o.dbFile == "" {
		sql.ConnectAttributes = map[string]string{"mode": "memory", "cache": "shared"}
		sql.DatabaseName = strconv.Itoa(rand.Intn(1_000_000_000))
	} else {
		sql.ConnectAttributes = map[string]string{"mode": "rwc"}
		sql.DatabaseName = o.dbFile
		if _, err := os.Stat(o.dbFile); errors.Is(err, os.ErrNotExist) {
			if _, err := os.Stat(filepath.Dir(o.dbFile)); err != nil {
				return nil, fmt.Errorf("--db-filename %s: its folder: %w", o.dbFile, err)
			}
			if err := sqliteschema.SetupSchema(sql); err != nil {
				return nil, fmt.Errorf("setting up the SQLite schema in %s: %w", o.dbFile, err)
			}
		}
	}
	var namespaces []*sqliteschema.NamespaceConfig
	for _, name := range o.namespaces {
		ns, err := sqliteschema.NewNamespaceConfig(clusterName, name, false, o.searchAttributes)
		if err != nil {
			return nil, fmt.Errorf("namespace %s: %w", name, err)
		}
		namespaces = append(namespaces, ns)
	}
	if err := sqliteschema.CreateNamespaces(sql, namespaces...); err != nil {
		return nil, fmt.Errorf("creating the namespaces: %w", err)
	}
	return sql, nil
}

func serverConfig(o *options, sql *config.SQL) (*config.Config, error) {
	conf := &config.Config{}
	conf.Global.Membership.MaxJoinDuration = 30 * time.Second
	conf.Global.Membership.BroadcastAddress = o.ip
	if o.metricsPort > 0 {
		conf.Global.Metrics = &metrics.Config{
			Prometheus: &metrics.PrometheusConfig{ListenAddress: hostPort(o.ip, o.metricsPort), HandlerPath: "/metrics"},
		}
	}
	conf.Persistence.DefaultStore = "sqlite"
	conf.Persistence.VisibilityStore = "sqlite"
	conf.Persistence.NumHistoryShards = 1
	conf.Persistence.DataStores = map[string]config.DataStore{"sqlite": {SQL: sql}}
	conf.ClusterMetadata = &cluster.Config{
		EnableGlobalNamespace:    false,
		FailoverVersionIncrement: 10,
		MasterClusterName:        clusterName,
		CurrentClusterName:       clusterName,
		ClusterInformation: map[string]cluster.ClusterInformation{
			clusterName: {
				Enabled:                true,
				InitialFailoverVersion: 1,
				RPCAddress:             hostPort(o.ip, o.port),
				HTTPAddress:            hostPort(o.ip, o.httpPort),
				ClusterID:              randomUUID(),
			},
		},
	}
	conf.DCRedirectionPolicy.Policy = "noop"
	conf.Services = map[string]config.Service{}
	for _, service := range []string{"frontend", "history", "matching", "worker"} {
		rpc := config.RPC{BindOnIP: o.ip}
		if service == "frontend" {
			rpc.GRPCPort, rpc.HTTPPort = o.port, o.httpPort
		} else {
			port, err := freePort(o.ip)
			if err != nil {
				return nil, err
			}
			rpc.GRPCPort = port
		}
		conf.Services[service] = config.Service{RPC: rpc}
	}
	conf.Archival.History.State = "disabled"
	conf.Archival.Visibility.State = "disabled"
	conf.NamespaceDefaults.Archival.History.State = "disabled"
	conf.NamespaceDefaults.Archival.Visibility.State = "disabled"
	conf.PublicClient.HostPort = hostPort(o.ip, o.port)
	return conf, nil
}

// randomUUID: a version 4 UUID, the form the server expects of a cluster id.
func randomUUID() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(rand.Intn(256))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// serverLogger: the CLI's levels (debug, info, warn, error, never) and formats, one line an entry, on
// stderr, without the stack traces the server's own production logger adds to every error.
func serverLogger(level, format string) (log.Logger, error) {
	if level == "never" {
		level = "fatal"
	}
	parsed, err := zapcore.ParseLevel(level)
	if err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn, error or never", level)
	}
	conf := zap.NewProductionConfig()
	conf.Level = zap.NewAtomicLevelAt(parsed)
	conf.DisableStacktrace = true
	conf.Sampling = nil
	conf.EncoderConfig.EncodeTime = zapcore.ISO8601TimeEncoder
	if format != "json" {
		conf.Encoding = "console"
	}
	zl, err := conf.Build()
	if err != nil {
		return nil, err
	}
	return log.NewZapLogger(zl), nil
}

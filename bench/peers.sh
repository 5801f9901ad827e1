#!/usr/bin/env bash
# The peer servers the benchmark compares Parley with, on loopback, over TLS, each started as the
# unprivileged user parleybench (or nobody), pinned to core 0 like Parley's server, stopped by PID.
#
#   bench/peers.sh start WORKDIR   # installs missing packages (root only), writes configs and a
#                                  # self-signed certificate under WORKDIR, starts the peers,
#                                  # writes WORKDIR/peers.env (NAME_PORT, NAME_PID for each)
#   bench/peers.sh stop WORKDIR    # stops the peers named in WORKDIR/peers.env by PID
#
# Peers (ports): ngIRCd 16697, InspIRCd 16698, Redis pub/sub 16699 (no persistence), Redis durable
# 16700 (appendonly yes, appendfsync always). Flood limits are off in all of them (bench/README.md).
# A peer that cannot be installed or started is skipped with a message; the table then says "-".
set -uo pipefail
ACTION=${1:?usage: bench/peers.sh start|stop WORKDIR}
WORK=${2:?usage: bench/peers.sh start|stop WORKDIR}
# PEER_CORE: the core the peers run on (taskset); unset means core 0, empty means not pinned (run.sh --no-pin).
CORE=${PEER_CORE-0}
NGIRCD_PORT=16697 INSPIRCD_PORT=16698 REDIS_PORT=16699 REDIS_AOF_PORT=16700

stop() {
    [ -f "$WORK/peers.env" ] || return 0
    # shellcheck disable=SC1091
    . "$WORK/peers.env"
    for pid in ${NGIRCD_PID:-} ${INSPIRCD_PID:-} ${REDIS_PID:-} ${REDIS_AOF_PID:-}; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in ${NGIRCD_PID:-} ${INSPIRCD_PID:-} ${REDIS_PID:-} ${REDIS_AOF_PID:-}; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -f "$WORK/peers.env"
}

install_missing() {
    local missing=()
    command -v ngircd >/dev/null || [ -x /usr/sbin/ngircd ] || missing+=(ngircd)
    [ -x /usr/sbin/inspircd ] || missing+=(inspircd)
    command -v redis-server >/dev/null || missing+=(redis-server)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        echo "peers: not root (or no apt-get): cannot install ${missing[*]}; those peers are skipped" >&2
        return 0
    fi
    echo "peers: installing ${missing[*]}" >&2
    # Packages must not start their system services: a policy-rc.d that refuses, only while installing.
    local made_policy=no
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=yes
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >"$WORK/apt.log" 2>&1 \
        || echo "peers: apt-get failed, see $WORK/apt.log" >&2
    [ "$made_policy" = yes ] && rm -f /usr/sbin/policy-rc.d
}

# as_user CMD...: runs CMD as the benchmark user on the peers' core (if any), in the background.
RUN_USER=""
as_user() {
    local pin=()
    [ -n "$CORE" ] && pin=(taskset -c "$CORE")
    if [ -n "$RUN_USER" ]; then
        "${pin[@]}" setpriv --reuid="$RUN_USER" --regid="$RUN_USER" --init-groups "$@" &
    else
        "${pin[@]}" "$@" &
    fi
    LAST_PID=$!
}

wait_port() { # wait_port PORT PID
    for _ in $(seq 1 100); do
        kill -0 "$2" 2>/dev/null || return 1
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

start() {
    mkdir -p "$WORK"
    stop
    install_missing
    if [ "$(id -u)" = 0 ]; then
        id parleybench >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin parleybench \
            || true
        if id parleybench >/dev/null 2>&1; then RUN_USER=parleybench; else RUN_USER=nobody; fi
    fi
    local dir="$WORK/peers"
    rm -rf "$dir" && mkdir -p "$dir/redis" "$dir/redis-aof"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
        -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1 || { echo "peers: openssl failed" >&2; return 1; }
    : >"$WORK/peers.env"

    if [ -x /usr/sbin/ngircd ]; then
        cat >"$dir/ngircd.conf" <<CONF
[Global]
Name = bench.local
Info = Parley benchmark peer
Listen = 127.0.0.1
Ports =
MotdPhrase = bench
PidFile = $dir/ngircd.pid
[Limits]
MaxConnections = 0
MaxConnectionsIP = 0
MaxJoins = 0
MaxPenaltyTime = 0
PingTimeout = 600
PongTimeout = 600
[Options]
DNS = no
Ident = no
PAM = no
[SSL]
CertFile = $dir/cert.pem
KeyFile = $dir/key.pem
Ports = $NGIRCD_PORT
[Operator]
Name = bench
Password = benchpw
CONF
        [ -n "$RUN_USER" ] && chown -R "$RUN_USER" "$dir"
        as_user /usr/sbin/ngircd -n -f "$dir/ngircd.conf" >>"$dir/ngircd.log" 2>&1
        if wait_port $NGIRCD_PORT $LAST_PID; then
            echo "NGIRCD_PORT=$NGIRCD_PORT NGIRCD_PID=$LAST_PID" >>"$WORK/peers.env"
        else
            echo "peers: ngIRCd did not start, see $dir/ngircd.log" >&2
        fi
    fi

    if [ -x /usr/sbin/inspircd ]; then
        cat >"$dir/inspircd.conf" <<CONF
<server name="bench.local" description="Parley benchmark peer" network="bench">
<admin name="bench" nick="bench" email="bench@localhost">
<module name="ssl_gnutls">
<sslprofile name="bench" provider="gnutls" certfile="$dir/cert.pem" keyfile="$dir/key.pem" dhfile="" hash="sha256" requestclientcert="no">
<bind address="127.0.0.1" port="$INSPIRCD_PORT" type="clients" sslprofile="bench">
<connect name="bench" allow="*" timeout="60" pingfreq="600" threshold="2000000000" commandrate="2000000000" fakelag="no"
         hardsendq="1073741824" softsendq="268435456" recvq="268435456" localmax="1000000" globalmax="1000000"
         maxchans="20" limit="1000000" resolvehostnames="no" useident="no" maxconnwarn="off">
<performance netbuffersize="65536" somaxconn="1024" softlimit="19000" clonesonconnect="no" quietbursts="yes">
<pid file="$dir/inspircd.pid">
<log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="$dir/inspircd-server.log">
<options prefixquit="" allowzerolimit="no" hostintopic="no" defaultmodes="nt">
<security hidesplits="no" announceinvites="dynamic" hideserver="" userstats="" customversion="" flatlinks="no" maxtargets="20">
<whowas groupsize="0" maxgroups="0" maxkeep="0">
<oper name="bench" password="benchpw" host="*@*" type="Bench">
<type name="Bench" classes="" host="bench.local">
CONF
        [ -n "$RUN_USER" ] && chown -R "$RUN_USER" "$dir"
        as_user /usr/sbin/inspircd --nofork --nopid --config="$dir/inspircd.conf" >"$dir/inspircd.log" 2>&1
        if wait_port $INSPIRCD_PORT $LAST_PID; then
            echo "INSPIRCD_PORT=$INSPIRCD_PORT INSPIRCD_PID=$LAST_PID" >>"$WORK/peers.env"
        else
            echo "peers: InspIRCd did not start, see $dir/inspircd.log" >&2
        fi
    fi

    if command -v redis-server >/dev/null; then
        for kind in redis redis-aof; do
            local port=$REDIS_PORT persistence="appendonly no"
            if [ $kind = redis-aof ]; then port=$REDIS_AOF_PORT; persistence=$'appendonly yes\nappendfsync always'; fi
            cat >"$dir/$kind.conf" <<CONF
bind 127.0.0.1
port 0
tls-port $port
tls-cert-file $dir/cert.pem
tls-key-file $dir/key.pem
tls-auth-clients no
dir $dir/$kind
daemonize no
save ""
$persistence
maxclients 19000
client-output-buffer-limit pubsub 0 0 0
client-output-buffer-limit normal 0 0 0
CONF
            [ -n "$RUN_USER" ] && chown -R "$RUN_USER" "$dir"
            as_user redis-server "$dir/$kind.conf" >"$dir/$kind.log" 2>&1
            if wait_port $port $LAST_PID; then
                local name=REDIS; [ $kind = redis-aof ] && name=REDIS_AOF
                echo "${name}_PORT=$port ${name}_PID=$LAST_PID" >>"$WORK/peers.env"
            else
                echo "peers: $kind did not start, see $dir/$kind.log" >&2
            fi
        done
    fi
    cat "$WORK/peers.env"
}

case "$ACTION" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: bench/peers.sh start|stop WORKDIR" >&2; exit 2 ;;
esac

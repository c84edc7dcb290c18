# Shared by scripts/setup-site and scripts/test: find the bench, start its services, run as its owner.
# shellcheck shell=bash

find_bench() {
	local candidate frappe_home
	frappe_home=$(getent passwd frappe | cut -d: -f6)
	for candidate in "${PS_BENCH:-}" "${frappe_home:+$frappe_home/frappe-bench}" "$HOME/frappe-bench"; do
		if [ -n "$candidate" ] && [ -x "$candidate/env/bin/python" ] && [ -d "$candidate/apps/frappe" ]; then
			echo "$candidate"
			return
		fi
	done
}

# Run a command as the user who owns the bench (root runs it through runuser), with the bench's env first.
as_bench_owner() {
	local bench_dir=$1 owner home
	shift
	owner=$(stat -c %U "$bench_dir")
	home=$(getent passwd "$owner" | cut -d: -f6)
	if [ "$(id -u)" = 0 ] && [ "$owner" != root ]; then
		runuser -u "$owner" -- env HOME="$home" PATH="$bench_dir/env/bin:$home/.local/bin:$home/bench-cli/bin:$PATH" "$@"
	else
		env PATH="$bench_dir/env/bin:$PATH" "$@"
	fi
}

# `bench --site X <command>` without needing the bench CLI: the same entry point bench calls.
frappe_cli() {
	local bench_dir=$1
	shift
	as_bench_owner "$bench_dir" env -C "$bench_dir/sites" "$bench_dir/env/bin/python" -m frappe.utils.bench_helper frappe "$@"
}

redis_ports() {
	python3 - "$1/sites/common_site_config.json" <<-'EOF'
		import json, sys
		from urllib.parse import urlparse
		config = json.load(open(sys.argv[1]))
		ports = {urlparse(config[key]).port for key in ("redis_cache", "redis_queue", "redis_socketio") if config.get(key)}
		print(" ".join(str(port) for port in sorted(ports)))
	EOF
}

start_services() {
	local bench_dir=$1 port tries
	if ! mysqladmin ping --silent >/dev/null 2>&1; then
		echo "Starting MariaDB"
		if [ "$(id -u)" != 0 ]; then
			echo "MariaDB is down and only root can start it." >&2
			return 1
		fi
		service mariadb start >/dev/null 2>&1 || (mysqld_safe >/dev/null 2>&1 &)
		for tries in $(seq 30); do
			mysqladmin ping --silent >/dev/null 2>&1 && break
			sleep 1
		done
		mysqladmin ping --silent >/dev/null 2>&1 || { echo "MariaDB did not start." >&2; return 1; }
	fi
	for port in $(redis_ports "$bench_dir"); do
		if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
			echo "Starting Redis on port $port"
			redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir /tmp --save '' --appendonly no >/dev/null ||
				{ echo "Redis did not start on port $port." >&2; return 1; }
		fi
	done
}

# Make the bench run this checkout of the app: apps/property_service points here and the env imports it.
# Sets app_source: the checkout the bench runs (this one, or the copy made for a bench owner who cannot
# read this one), which is also where the tests are run from.
link_app() {
	local bench_dir=$1 repo=$2 app_dir source owner
	app_dir="$bench_dir/apps/property_service"
	owner=$(stat -c %U "$bench_dir")
	source=$repo
	if ! as_bench_owner "$bench_dir" test -r "$repo/pyproject.toml"; then
		# the bench's owner cannot read this checkout (e.g. under /root): give it a copy it can read
		source="$bench_dir/apps/.property_service-checkout"
		rm -rf "$source" && cp -a "$repo" "$source" && chown -R "$owner" "$source"
	fi
	if [ "$(readlink -f "$app_dir")" != "$(readlink -f "$source")" ]; then
		if [ -e "$app_dir" ] && [ ! -L "$app_dir" ]; then
			mv "$app_dir" "$app_dir.bak-$(date +%Y%m%d%H%M%S)"
			echo "Moved the bench's own copy of the app aside to $app_dir.bak-*"
		fi
		ln -sfn "$source" "$app_dir"
	fi
	# installs this checkout's own dependencies too (pyproject.toml); quick when nothing changed
	as_bench_owner "$bench_dir" python -m pip install -q -e "$app_dir" || return 1
	app_source=$source
	grep -qx property_service "$bench_dir/sites/apps.txt" ||
		as_bench_owner "$bench_dir" sh -c 'f=$1; [ -z "$(tail -c1 "$f")" ] || echo >> "$f"; echo property_service >> "$f"' _ "$bench_dir/sites/apps.txt"
}

# The demo's outgoing mail goes to a local SMTP sink (Debian's python3-aiosmtpd) on 127.0.0.1:2525,
# which keeps every message in the bench's logs/demo-mail (a Maildir); the demo's Email Account sends
# there (property_service/demo_estate.py). Started once, like Redis; `scripts/setup-site --start` again.
start_mail_sink() {
	local bench_dir=$1 maildir tries
	maildir="$bench_dir/logs/demo-mail"
	if (exec 3<>/dev/tcp/127.0.0.1/2525) 2>/dev/null; then
		return
	fi
	echo "Starting the mail sink on 127.0.0.1:2525 ($maildir)"
	as_bench_owner "$bench_dir" mkdir -p "$maildir/tmp" "$maildir/new" "$maildir/cur"  # a Maildir
	as_bench_owner "$bench_dir" setsid nohup /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:2525 \
		-c aiosmtpd.handlers.Mailbox "$maildir" >>"$bench_dir/logs/demo-mail.log" 2>&1 </dev/null &
	for tries in $(seq 20); do
		(exec 3<>/dev/tcp/127.0.0.1/2525) 2>/dev/null && return
		sleep 0.5
	done
	echo "The mail sink did not start (see $bench_dir/logs/demo-mail.log)." >&2
	return 1
}

# A site's name must resolve on this machine: wkhtmltopdf fetches a print's images and styles from it
# (a PDF print, or a workflow action e-mail's attached print, fails with HostNotFoundError otherwise).
resolve_locally() {
	local site=$1
	awk -v site="$site" '$1 == "127.0.0.1" { for (i = 2; i <= NF; i++) if ($i == site) found = 1 } END { exit !found }' /etc/hosts ||
		{ [ -w /etc/hosts ] && echo "127.0.0.1 $site" >>/etc/hosts; } ||
		echo "Add '127.0.0.1 $site' to /etc/hosts: printing to PDF on that site needs it." >&2
}

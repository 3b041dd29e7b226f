# ST2-SEC-048, 049: who can read the HTTPS of the containers that run st2's
# actions and sensors (the fifteenth red team), read by src/policy/tls-trust.ts
# through command-effects.ts (input.facts.command_effects): an outside HTTPS
# proxy beside a CA the pod supplies (the proxy terminates TLS when it holds
# that CA's key, which no render can show it does not), and requests'
# certificate checks turned off by an empty CURL_CA_BUNDLE.
package st2.operations

import data.st2.lib

rules["ST2-SEC-048"] := {
	"title": "Actions' or sensors' HTTPS through an outside proxy with a CA the pod supplies",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"HTTPS_PROXY or ALL_PROXY sends the runners' or the sensor container's HTTPS through a",
		"proxy outside the cluster, and the container trusts a CA from its volumes",
		"(REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, SSL_CERT_FILE, SSL_CERT_DIR, or a volume over the",
		"system trust store). Whoever holds that CA's key terminates TLS at the proxy and reads every",
		"integration's tokens and passwords. A proxy alone only tunnels (CONNECT), a CA alone puts no",
		"one on the path. If the proxy is your company's TLS-inspecting egress, list its host in",
		"settings.delivery.inspecting_proxy_hosts; otherwise drop the CA or the proxy.",
	]),
}

rules["ST2-SEC-049"] := {
	"title": "Certificate checks off for actions' and sensors' HTTPS (CURL_CA_BUNDLE empty)",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"CURL_CA_BUNDLE is set to an empty string (and REQUESTS_CA_BUNDLE is unset or empty) in an",
		"st2 action runner or sensor container: requests 2.25.1, which st2 3.8 ships, then passes",
		"verify='' to urllib3 and checks no certificate, so anyone on the path impersonates the",
		"integrations actions and sensors call and collects their credentials. Remove the",
		"variable, or name a CA bundle file.",
	]),
}

findings contains f if {
	some e in effects
	e.effect == "tls-intercept"
	not e.internal
	not render_service_host(e.host)
	not inspecting_proxy_hosts[e.host]
	runs_integrations(e)
	f := lib.finding("ST2-SEC-048", lib.severity_strict, e.resource, e.path, {"variable": e.variable, "host": e.host, "ca": e.ca})
}

findings contains f if {
	some e in effects
	e.effect == "tls-off"
	runs_integrations(e)
	f := lib.finding("ST2-SEC-049", lib.severity_strict, e.resource, e.path, {"variable": e.variable})
}

# The owner's TLS-inspecting egress proxies: a CA the owner holds the key of.
inspecting_proxy_hosts := {lower(h) | some h in object.get(data.settings, ["delivery", "inspecting_proxy_hosts"], []); is_string(h)}

# The containers whose HTTPS carries integrations' credentials: the action
# runners (http-request runner, Python and shell actions) and the sensors.
integration_roles := {"st2actionrunner", "st2sensorcontainer"}

runs_integrations(e) if {
	ctr := lib.object_at(input.resources[e.resource], e.path)
	some role in lib.container_roles_at(e.resource, e.path, ctr)
	integration_roles[role]
}

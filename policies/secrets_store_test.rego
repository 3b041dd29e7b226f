package st2_test.secrets_store

import data.st2_test.fixtures as fx

# --- ST2-SEC-013 in production: credentials outside the secret store ----------------------
#
# src/policy/store-credentials.ts finds them (a Secret pods read committed in
# place of its ExternalSecret, a credential env literal, a pack config
# password, a store user with a literal password) and sends only where and
# what kind, never the value.

fact(kind, key) := {"resource": fx.next, "path": ["data", "mysql.yaml"], "key": key, "kind": kind}

sec013(profile, facts) := fx.of_rule(fx.eval_facts(profile, fx.plus(fx.baseline, fx.config_map("c", {"k": "v"})), object.union({"secret_values": []}, facts)), "ST2-SEC-013")

test_sec013_denies_each_store_credential_kind_in_production if {
	every kind in ["committed-secret", "env-literal", "config-file", "store-user"] {
		fs := sec013("production", {"store_credentials": [fact(kind, "mysql.yaml password")]})
		count(fs) == 1
		some f in fs
		f.severity == "deny"
		f.params == {"key": "mysql.yaml password", "kind": kind}
	}
}

test_sec013_store_credentials_are_production_only if {
	every profile in ["staging", "dev"] {
		count(sec013(profile, {"store_credentials": [fact("env-literal", "ST2_API_KEY")]})) == 0
	}
}

test_sec013_nothing_without_store_credentials if {
	count(sec013("production", {})) == 0
	count(sec013("production", {"store_credentials": []})) == 0
}

# A password in [messaging] cluster_urls (st2 connects with it instead of url: st2common
# transport/utils.py get_messaging_urls) in a ConfigMap is the same credential as url's.
test_sec013_bus_url_passwords_in_a_config_map if {
	every key in ["st2.user.conf [messaging] cluster_urls password", "st2.user.conf [messaging] url password"] {
		fs := sec013("production", {"store_credentials": [fact("config-file", key)]})
		{f.severity | some f in fs} == {"deny"}
		count(sec013("staging", {"store_credentials": [fact("config-file", key)]})) == 0
	}
}

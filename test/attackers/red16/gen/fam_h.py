from lib16 import *
from fam_c import userconf
# planted secret-like values in denied renders: must never reach stderr, nor stdout after a denial
P1, P2, P3, P4 = 'R16planted-Kx7wQ2vLm9Tz4Rb8', 'R16planted-Hs3nVb6Yq1Pe5Wd0', 'R16planted-Jc8tMz2Lx5Ga9Uf4', 'R16planted-Nw4rEk7Sd2Bq6Yh1'
case('planted-dbpass-userconf', 'deny', 'planted', 'a MongoDB password written in st2.user.conf (ConfigMap, in git) instead of the secret store: the credential is in the repository history (gate rule SEC-013; st2 docs keep credentials in st2.secrets.conf)',
     patches=[userconf(f'\n[database]\npassword = {P1}\n')], planted=[P1])
case('planted-apikey-env', 'deny', 'planted', 'an st2 API key written as a literal env ST2_API_KEY on st2client: a credential in git (gate rule SEC-013)',
     patches=[jp('Deployment', 'st2client', [add(C0 + '/env', [{'name': 'ST2_API_KEY', 'value': P2}])])], planted=[P2])
case('planted-rmqpass-env-plus-hole', 'deny', 'planted', 'RabbitMQ password literal in the rabbitmq container env together with an open hole (postStart false): denied for the credential; the value must not be echoed',
     patches=[jp('StatefulSet', 'rabbitmq', [add(C0 + '/env/-', {'name': 'RABBITMQ_PASSWORD', 'value': P3}), add(C0 + '/lifecycle', {'postStart': {'exec': {'command': ['false']}}})])], planted=[P3])
case('planted-secret-manifest', 'deny', 'planted', 'a Secret with the st2 auth password committed as stringData: a credential in git (gate rule SEC-013)',
     resources={'s.yaml': {'apiVersion': 'v1', 'kind': 'Secret', 'metadata': {'name': 'st2-auth-extra', 'namespace': 'st2-prod'}, 'stringData': {'password': P4}}}, planted=[P4])

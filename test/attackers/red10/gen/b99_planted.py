import lib
EXTRA = {
 "sec-mongo-backdoor-concat-default": ["XeL5Rxwj7F0W", "t43tFZVTN7H8Sg5XDHmK", "XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK"],
 "sec-mongo-backdoor-fromcharcode": ["XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK", "88,101,76,53"],
 "sec-keyfile-split-two-keys": ["82PItDpqroti5Rng", "OA7UqbHH7c6bFUwy", "82PItDpqroti5RngOA7UqbHH7c6bFUwy"],
 "sec-keyfile-printf-halves": ["82PItDpqroti5Rng", "OA7UqbHH7c6bFUwy", "82PItDpqroti5RngOA7UqbHH7c6bFUwy"],
 "sec-rabbit-default-adjacent-quotes": ["9jS+w1u07Nb", "HtZke1m+jW4Cj", "9jS+w1u07NbHtZke1m+jW4Cj"],
 "sec-htpasswd-bcrypt-default": ["Ch@ngeMe", "$2b$10$abcdefghijklmnopqrstuu"],
 "sec-chatops-default-token": ["xoxb-CHANGE-ME-PLEASE"],
 "sec-default-rev": ["eMegn@hC", "Ch@ngeMe"],
 "sec-rabbit-pass-equals-user": ["rabbitmq-password=admin"],
 "st-rabbit-cookie-per-pod": [],
 "dev-mongo-loadbalancer": ["XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK"],
 "env-dev-into-prod-namespace": ["Ch@ngeMe", "XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK", "9jS+w1u07NbHtZke1m+jW4Cj", "82PItDpqroti5RngOA7UqbHH7c6bFUwy"],
}
for i, c in enumerate(lib.CASES):
    if c[0] in EXTRA:
        lib.CASES[i] = (c[0], c[1], c[2], c[3], c[4], list(c[5]) + EXTRA[c[0]])

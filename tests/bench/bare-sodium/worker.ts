/** The bare page's worker: libsodium loaded, then one call to prove it runs. */
// eslint-disable-next-line no-restricted-imports -- the benchmark's reference loads libsodium by itself, not through the app
import sodium from "libsodium-wrappers-sumo";

await sodium.ready;
postMessage(`libsodium ${sodium.sodium_version_string()} ${sodium.to_hex(sodium.crypto_hash_sha256(sodium.from_string("abc"))).slice(0, 8)}`);

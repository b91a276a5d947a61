/**
 * The co-signature statement's known answer, shared by its unit test and its
 * interoperability test: the RFC 8032 §7.1 test 1 key (as in
 * shared/formats/sshsig.test.ts) signs a dissent on a fixed payload at a
 * fixed time. Ed25519 is deterministic, so the bytes and the signature are
 * fixed; ssh-keygen makes the same signature from the same key
 * (tests/interop/co-signature.interop.test.ts).
 */
export const KAT_SEED_HEX = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
export const KAT_FINGERPRINT = "SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8";
export const KAT_CASE_ID = "case-0000000000000001";
export const KAT_SIGNED_AT = "2026-12-02T12:00:00.000Z";
/** The payload the statement names, and its digest (`printf '%s' '{"format":"attribution-panel/opinion"}' | sha256sum`). */
export const KAT_PAYLOAD = '{"format":"attribution-panel/opinion"}';
export const KAT_PAYLOAD_SHA256 = "26e652c07d4d6601df8d1c2fdba48ef9fc8de32a3bc0b02aabdef2db88a9d9a3";
/** The dissent the statement names, and its digest (`printf dissent | sha256sum`). */
export const KAT_DISSENT = "dissent";
export const KAT_DISSENT_SHA256 = "d736c1fff71027df1d4970a08a79ab33250a4223217a1281d54397189783666a";
export const KAT_STATEMENT =
  '{"caseId":"case-0000000000000001","fingerprint":"SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8","format":"attribution-panel/co-signature",' +
  '"opinion":"d736c1fff71027df1d4970a08a79ab33250a4223217a1281d54397189783666a","payloadSha256":"26e652c07d4d6601df8d1c2fdba48ef9fc8de32a3bc0b02aabdef2db88a9d9a3",' +
  '"seat":"member","signedAt":"2026-12-02T12:00:00.000Z","stance":"dissent","version":1}';
export const KAT_SIGNATURE = `-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg11qYAYKxCrfVS/7TyWQHOg7hcv
PapiMlrwIaaPcHURoAAAAeY28tc2lnbmF0dXJlQGF0dHJpYnV0aW9uLXBhbmVsAAAAAAAA
AAZzaGE1MTIAAABTAAAAC3NzaC1lZDI1NTE5AAAAQKIAk0xbtDBsvH1HeB8+kCuZtVZl+2
mXaSXWpgGOJfc4YGUlyjUV6wHidvxhpdx2ieGIOwW4KfM1HuRt+mOloQc=
-----END SSH SIGNATURE-----
`;

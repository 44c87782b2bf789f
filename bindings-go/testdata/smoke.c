/* C smoke test of the ABI in include/cryptotopcard.h, against a running sandbox.
 * Usage: smoke <base_url>. Exits non-zero on the first failed check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cryptotopcard.h"

static int failures = 0;

#define CHECK(cond, what)                                   \
    do {                                                    \
        if (!(cond)) {                                      \
            fprintf(stderr, "FAIL: %s (line %d)\n", what, __LINE__); \
            failures++;                                     \
        } else {                                            \
            printf("ok: %s\n", what);                       \
        }                                                   \
    } while (0)

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <base_url>\n", argv[0]);
        return 2;
    }
    char config[512];
    snprintf(config, sizeof config,
             "{\"api_key\":\"sk_test_c_smoke\",\"base_url\":\"%s\",\"user_agent_lang\":\"c\"}", argv[1]);

    char *err = NULL, *out = NULL;
    CtcClient *client = ctc_client_new(config, &err);
    CHECK(client != NULL && err == NULL, "ctc_client_new");

    int rc = ctc_call(client, "wallet.retrieve", NULL, NULL, NULL, &out, &err);
    CHECK(rc == CTC_OK && out != NULL && strstr(out, "\"balance\"") != NULL, "wallet.retrieve over HTTP");
    ctc_string_free(out);
    out = NULL;

    rc = ctc_call(client, "cards.create", "{\"bin_id\":\"491653\",\"amount\":25}", "{\"idempotency_key\":\"c-smoke-1\"}",
                  NULL, &out, &err);
    CHECK(rc == CTC_OK && out != NULL && strstr(out, "\"card_") != NULL, "cards.create");
    ctc_string_free(out);
    out = NULL;

    rc = ctc_call(client, "cards.list", "{\"per_page\":1}", NULL, NULL, &out, &err);
    CHECK(rc == CTC_OK && out != NULL && strstr(out, "\"next\":null") != NULL,
          "a list's only page says it has no next page");
    ctc_string_free(out);
    out = NULL;

    rc = ctc_call(client, "cards.retrieve", "{\"card_id\":\"card_missing\"}", NULL, NULL, &out, &err);
    CHECK(rc == CTC_ERR_NOT_FOUND && out == NULL && err != NULL && strstr(err, "\"not_found\"") != NULL &&
              strstr(err, "\"class\":\"NotFoundError\"") != NULL,
          "404 gives CTC_ERR_NOT_FOUND and the error JSON of class NotFoundError");
    ctc_string_free(err);
    err = NULL;

    rc = ctc_call(client, "cards.create", "{\"bin_id\":\"491653\",\"amount\":1.005}", NULL, NULL, &out, &err);
    CHECK(rc == CTC_ERR_VALIDATION && err != NULL && strstr(err, "\"field\":\"amount\"") != NULL, "validation names the field");
    ctc_string_free(err);
    err = NULL;

    CtcCancelToken *tok = ctc_cancel_token_new();
    ctc_cancel_token_cancel(tok);
    rc = ctc_call(client, "wallet.retrieve", NULL, NULL, tok, &out, &err);
    CHECK(rc == CTC_ERR_CANCELLED, "a cancelled token aborts the call");
    ctc_string_free(err);
    err = NULL;
    rc = ctc_call(client, "cards.create", "{\"bin_id\":\"491653\",\"amount\":5}",
                  "{\"idempotency_key\":\"c-smoke-key\"}", tok, &out, &err);
    CHECK(rc == CTC_ERR_CANCELLED && err != NULL && strstr(err, "\"idempotency_key\":\"c-smoke-key\"") != NULL,
          "a cancelled write reports its idempotency key");
    ctc_string_free(err);
    err = NULL;
    ctc_cancel_token_free(tok);

    rc = ctc_call(NULL, NULL, NULL, NULL, NULL, &out, &err);
    CHECK(rc == CTC_ERR_INVALID_ARGUMENT, "NULL arguments are an error, not a crash");
    ctc_string_free(err);
    err = NULL;

    rc = ctc_error_classes(&out, &err);
    CHECK(rc == CTC_OK && out != NULL && strstr(out, "\"name\":\"InsufficientFundsError\"") != NULL,
          "ctc_error_classes lists the classes");
    ctc_string_free(out);
    out = NULL;

    const char *payload = "{\"id\":\"evt_c\"}";
    int32_t valid = 0;
    rc = ctc_webhook_verify((const uint8_t *)payload, strlen(payload),
                            "a6ba3e5c99c82acf33469b6eaa1b45f500c34e41aae541190ec4e9b9f1b1684e",
                            "whsec_c_smoke_secret_0123456789abcdef", &valid, &err);
    CHECK(rc == CTC_OK && valid == 1, "webhook signature verifies");
    rc = ctc_webhook_verify((const uint8_t *)payload, strlen(payload), "00", "whsec_c_smoke_secret_0123456789abcdef",
                            &valid, &err);
    CHECK(rc == CTC_OK && valid == 0, "a wrong signature does not");

    const char *secrets[] = {"whsec_c_smoke_new", "whsec_c_smoke_secret_0123456789abcdef"};
    rc = ctc_webhook_verify_any((const uint8_t *)payload, strlen(payload),
                                "a6ba3e5c99c82acf33469b6eaa1b45f500c34e41aae541190ec4e9b9f1b1684e", secrets, 2, &valid,
                                &err);
    CHECK(rc == CTC_OK && valid == 1, "a signature by the old secret verifies during a rotation");
    rc = ctc_webhook_sign((const uint8_t *)payload, strlen(payload), "whsec_c_smoke_secret_0123456789abcdef", &out, &err);
    CHECK(rc == CTC_OK && out != NULL &&
              strcmp(out, "a6ba3e5c99c82acf33469b6eaa1b45f500c34e41aae541190ec4e9b9f1b1684e") == 0,
          "ctc_webhook_sign gives the API's signature");
    ctc_string_free(out);
    out = NULL;

    CtcClient *copy = ctc_client_with_options(client, "{\"max_retries\":0,\"timeout_ms\":5000}", &err);
    CHECK(copy != NULL && err == NULL && ctc_client_shares_pool(copy, client) == 1,
          "ctc_client_with_options shares the connection pool");
    rc = ctc_call(copy, "wallet.retrieve", NULL, NULL, NULL, &out, &err);
    CHECK(rc == CTC_OK && out != NULL, "the copy calls the API");
    ctc_string_free(out);
    out = NULL;
    ctc_client_free(copy);
    CHECK(ctc_client_with_options(client, "{\"base_url\":\"http://127.0.0.1:1/v1\"}", &err) == NULL && err != NULL,
          "ctc_client_with_options refuses what it cannot change");
    ctc_string_free(err);
    err = NULL;

    printf("library version %s\n", ctc_version());
    ctc_client_free(client);
    return failures == 0 ? 0 : 1;
}

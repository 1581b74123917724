package org.ensemble.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Webhook receivers are http or https URLs with a host; anything else stops the start with a sentence naming it. */
class WebhookSettingsTest {

    static final String SECRET = "a-secret-of-enough-length";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PublishSettings.class)
    static class Settings {
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.org/hook", "gopher://example.org/", "/relative/hook",
            "http:///no-host", "javascript:alert(1)", "http://exa mple.org/"})
    void aWebhookThatIsNotAnHttpUrlIsRefusedAtStart(String url) {
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues("ensemble.publish.webhooks[0].url=" + url, "ensemble.publish.webhooks[0].secret=" + SECRET)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("the webhook URL " + url));
        assertThatThrownBy(() -> new PublishSettings.Webhook(url, SECRET)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the webhook URL " + url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "https://hooks.example.org/ensemble?x=1", "HTTPS://EXAMPLE.ORG/"})
    void httpAndHttpsReceiversAreTaken(String url) {
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues("ensemble.publish.webhooks[0].url=" + url, "ensemble.publish.webhooks[0].secret=" + SECRET)
                .run(context -> assertThat(context.getBean(PublishSettings.class).webhooks())
                        .extracting(PublishSettings.Webhook::url).containsExactly(url));
    }
}

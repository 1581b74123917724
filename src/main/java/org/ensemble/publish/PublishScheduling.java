package org.ensemble.publish;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on Spring's scheduler for the webhook poller and the retention cron (episode runs are Quartz's). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PublishScheduling {
}

package org.ensemble.media;

import org.ensemble.EnsembleSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaSettings.class)
class MediaConfiguration {

    @Bean
    FfmpegToolchain ffmpegToolchain(MediaSettings settings, MediaProcessGateway gateway, EnsembleSettings ensemble) {
        return FfmpegToolchain.detect(settings, gateway, ensemble.home().resolve("tools"));
    }

    /** The programme's sound, encoded in chunks kept under {@code <home>/cache/sound}. */
    @Bean
    SoundTrack soundTrack(FfmpegToolchain toolchain, MediaProcessGateway gateway, MediaSettings settings,
                          EnsembleSettings ensemble) {
        return new SoundTrack(toolchain, gateway, settings, ensemble.cache().resolve("sound"));
    }
}

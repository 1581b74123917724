package org.ensemble.cli;

import java.lang.reflect.Constructor;

import picocli.CommandLine;

/** Makes the commands, giving each its {@link ApplicationStarter} through its constructor. */
final class CommandFactory implements CommandLine.IFactory {

    private final ApplicationStarter starter;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == ApplicationStarter.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(starter));
            }
        }
        return fallback.create(type);
    }
}

package org.ensemble.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.ensemble.interchange.TimelineFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How option values are read, with errors that say what a right value looks like. */
final class Values {

    private Values() {
    }

    static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date like 2026-11-30");
        }
    }

    /** An EDL revision: a whole number from 1. */
    static final class Revision implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (!value.matches("[1-9][0-9]{0,8}")) {
                throw new TypeConversionException("'" + value + "' is not a revision number like 3");
            }
            return Integer.valueOf(value);
        }
    }

    /** A job execution id. */
    static final class Execution implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            if (!value.matches("[0-9]{1,18}")) {
                throw new TypeConversionException("'" + value + "' is not a job execution id like 42 (see: status --show <id>)");
            }
            return Long.valueOf(value);
        }
    }

    /** {@code edl} or {@code otio}. */
    static final class Format implements ITypeConverter<TimelineFormat> {
        @Override
        public TimelineFormat convert(String value) {
            try {
                return TimelineFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A count of revisions or days: a whole number from 0. */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (!value.matches("[0-9]{1,6}")) {
                throw new TypeConversionException("'" + value + "' is not a whole number like 3");
            }
            return Integer.valueOf(value);
        }
    }

    /** {@code yes} or {@code no}. */
    static final class YesNo implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw new TypeConversionException("'" + value + "' is neither yes nor no");
            };
        }
    }
}

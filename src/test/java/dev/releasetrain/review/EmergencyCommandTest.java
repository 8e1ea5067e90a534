package dev.releasetrain.review;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EmergencyCommandTest {
    @Test
    void findsTheCommandAtTheStartOfALineOutsideCodeAndQuotes() {
        assertEquals(Optional.of("db is down"), EmergencyCommand.reason("/emergency db is down"));
        assertEquals(Optional.of("x"), EmergencyCommand.reason("Context first.\n  /emergency   x  \nthanks"));
        assertEquals(Optional.of(""), EmergencyCommand.reason("/emergency"));
        assertEquals(Optional.empty(), EmergencyCommand.reason("please do not /emergency this"));
        assertEquals(Optional.empty(), EmergencyCommand.reason("> /emergency quoted from someone else"));
        assertEquals(Optional.empty(), EmergencyCommand.reason("```\n/emergency in a code block\n```"));
        assertEquals(Optional.empty(), EmergencyCommand.reason("/emergencyroom"));
    }
}

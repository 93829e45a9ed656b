package org.wenzheng.server.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Where a YAML file read with Jackson went wrong, in the words of its messages: the key at
 * fault and the line. Shared by the configuration and the calendar file.
 */
public final class YamlErrors {
    private YamlErrors() {
    }

    /** The dotted key of the value a mapping error is about: knowledge.sources[1]. */
    public static String keyOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Where an error is, as the parser reports it: " (line 12)", or nothing when it does not know. */
    public static String at(JacksonException e) {
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() < 1 ? "" : " (line " + loc.getLineNr() + ")";
    }
}

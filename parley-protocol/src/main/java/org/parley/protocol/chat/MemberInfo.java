package org.parley.protocol.chat;

/** A user as listed in a room (with role) or globally (role NONE), with online session count. */
public record MemberInfo(String user, Role role, int sessions) {
}

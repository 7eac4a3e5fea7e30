package org.cityedge.uplink.mqtt;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.Set;

import javax.net.ssl.SSLException;

import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Why a connection failed, in words for a technician, and whether it needs a person ({@code refused}: the broker
 * said no to who we are) or may heal by itself (network, broker down).
 */
record LinkFailure(String message, boolean refused, boolean publishDenied) {

    LinkFailure(String message, boolean refused) {
        this(message, refused, false);
    }

    /** CONNACK reason codes that mean "not you": identifier, credentials, authorization, ban, auth method. */
    private static final Set<Integer> REFUSALS = Set.of(0x85, 0x86, 0x87, 0x8A, 0x8C);

    static LinkFailure of(Throwable e) {
        if (e instanceof MqttLink.PublishDenied denied) {
            return new LinkFailure(denied.getMessage(), true, true);
        }
        if (e instanceof MqttException m && REFUSALS.contains(m.getReasonCode())) {
            return new LinkFailure("broker refused the connection: " + refusalText(m.getReasonCode())
                    + String.format(" (MQTT reason 0x%02X)", m.getReasonCode()), true);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return new LinkFailure("TLS handshake failed (certificate or TLS settings): " + t.getMessage(), true);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return new LinkFailure("broker unreachable: " + t.getMessage(), false);
            }
        }
        if (e instanceof GeneralSecurityException || e instanceof IOException) {
            return new LinkFailure("TLS files unusable: " + e.getMessage(), true);
        }
        if (e instanceof IllegalArgumentException) {
            return new LinkFailure("bad configuration: " + e.getMessage(), true);
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof MqttException m && m.getCause() != null) {
            detail += ": " + m.getCause();
        }
        return new LinkFailure("connection failed: " + detail, false);
    }

    private static String refusalText(int code) {
        return switch (code) {
            case 0x85 -> "client identifier not valid";
            case 0x86 -> "bad user name or password";
            case 0x87 -> "not authorized (Mosquitto also says this for a wrong password)";
            case 0x8A -> "banned";
            default -> "bad authentication method";
        };
    }
}

package io.shoal.proxy.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The host names a server certificate answers for: its subject alternative DNS names, or, when it has
 * none, its subject's common name (RFC 6125 section 6.4.4: clients look at the CN only then).
 */
final class CertificateNames {
    /** The GeneralName type of a dNSName (RFC 5280 section 4.2.1.6). */
    private static final int DNS_NAME = 2;

    private CertificateNames() {}

    static List<String> of(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    if (((Integer) name.get(0)) == DNS_NAME) {
                        names.add(((String) name.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // unreadable extension: fall back to the common name, as clients do
        }
        return names.isEmpty() ? commonName(certificate) : names;
    }

    private static List<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return List.of(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                }
            }
        } catch (InvalidNameException e) {
            // a subject the JDK printed cannot be unparseable; no name then
        }
        return List.of();
    }
}

/// Escaping for the XML formats (Checkstyle, JUnit).
enum XMLText {
    /// Text safe inside a double- or single-quoted XML 1.0 attribute. Tab, line feed and
    /// carriage return become character references so attribute normalization keeps them;
    /// other characters XML 1.0 cannot carry at all (C0 controls, U+FFFE, U+FFFF) are dropped.
    static func attribute(_ text: String) -> String {
        escape(text, inAttribute: true)
    }

    /// Text safe as element content.
    static func content(_ text: String) -> String {
        escape(text, inAttribute: false)
    }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += inAttribute ? "&quot;" : "\""
            case "'": output += inAttribute ? "&apos;" : "'"
            case "\t": output += inAttribute ? "&#9;" : "\t"
            case "\n": output += inAttribute ? "&#10;" : "\n"
            case "\r": output += "&#13;"
            default:
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// XML 1.0's `Char` production (Swift scalars are never surrogates).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value >= 0x20 && value != 0xFFFE && value != 0xFFFF
    }
}

import CLibXML2

/// What an HTML element means for reading a report out of a page.
enum HTMLElementKind {
    /// Page chrome and non-text content: skipped with everything inside.
    case skip
    /// Starts and ends a paragraph.
    case block
    case lineBreak, table, row, cell
    /// Preformatted text: read as the lines of a text report.
    case pre
    /// Everything else: its text runs on in the paragraph.
    case inline

    /// The kind of a tag name as libxml2 hands it over (lowercased, NUL-terminated). Names of up
    /// to 8 bytes are packed into an integer, big-endian (`p` is 0x70, `br` 0x6272), and switched
    /// on: no hashing, no allocation.
    static func of(_ name: UnsafePointer<xmlChar>) -> HTMLElementKind {
        var packed: UInt64 = 0, length = 0
        while name[length] != 0 {
            if length == 8 { return longNames[String(cString: name)] ?? .inline }
            packed = packed << 8 | UInt64(name[length])
            length += 1
        }
        switch packed {
        // map nav svg head math embed input style title button canvas footer header iframe object script select noscript template textarea
        case 0x6D6170, 0x6E6176, 0x737667, 0x68656164, 0x6D617468, 0x656D626564, 0x696E707574, 0x7374796C65,
             0x7469746C65, 0x627574746F6E, 0x63616E766173, 0x666F6F746572, 0x686561646572, 0x696672616D65,
             0x6F626A656374, 0x736372697074, 0x73656C656374, 0x6E6F736372697074, 0x74656D706C617465,
             0x7465787461726561:
            return .skip
        // p dd dl dt h1 h2 h3 h4 h5 h6 hr li ol ul div body form html main aside tbody tfoot thead center figure legend address article caption details section summary colgroup fieldset
        case 0x70, 0x6464, 0x646C, 0x6474, 0x6831, 0x6832, 0x6833, 0x6834, 0x6835, 0x6836, 0x6872, 0x6C69,
             0x6F6C, 0x756C, 0x646976, 0x626F6479, 0x666F726D, 0x68746D6C, 0x6D61696E, 0x6173696465,
             0x74626F6479, 0x74666F6F74, 0x7468656164, 0x63656E746572, 0x666967757265, 0x6C6567656E64,
             0x61646472657373, 0x61727469636C65, 0x63617074696F6E, 0x64657461696C73, 0x73656374696F6E,
             0x73756D6D617279, 0x636F6C67726F7570, 0x6669656C64736574:
            return .block
        // br
        case 0x6272:
            return .lineBreak
        // table
        case 0x7461626C65:
            return .table
        // tr
        case 0x7472:
            return .row
        // td th
        case 0x7464, 0x7468:
            return .cell
        // pre xmp listing
        case 0x707265, 0x786D70, 0x6C697374696E67:
            return .pre
        default:
            return .inline
        }
    }

    private static let longNames: [String: HTMLElementKind] = ["blockquote": .block, "figcaption": .block, "plaintext": .pre]
}

/// The elements a page marks its title with: the article's `<h1>`–`<h3>` and the page's `<title>`
/// (`ReportReader` picks the report's title among them and the text's first lines).
enum HTMLTitleElement {
    case heading, pageTitle

    static func of(_ name: UnsafePointer<xmlChar>) -> HTMLTitleElement? {
        // h1 h2 h3: two bytes; title: five.
        if name[0] == 0x68, (0x31...0x33).contains(name[1]), name[2] == 0 { return .heading }
        if LibXML.equal(name, "title") { return .pageTitle }
        return nil
    }
}

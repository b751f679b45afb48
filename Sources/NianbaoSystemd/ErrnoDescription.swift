import Glibc

/// "No such file or directory (errno 2)": the text for people, the number for searching.
func describeErrno(_ code: Int32) -> String {
    "\(String(cString: strerror(code))) (errno \(code))"
}

using Loosh.Evaluation.Emissions;
using Loosh.Evaluation.Scoring;

namespace Loosh.Evaluation.Tests.Scoring;

/// <summary>
/// One realistic challenge for the evaluator's tests: the spec's TCP/UDP prompt (evaluation.md E11), five on-topic
/// answers written in different styles and one fast off-topic answer, as a validator would collect them.
/// </summary>
internal static class TcpChallenge
{
    public const string Prompt = "What is TCP? How does it differ from UDP?";

    public const string Handshake =
        "TCP (Transmission Control Protocol) is a connection-oriented transport protocol. It establishes a connection with " +
        "a three-way handshake, guarantees ordered and reliable delivery through acknowledgements and retransmission, and " +
        "controls congestion. UDP (User Datagram Protocol) is connectionless: it sends independent datagrams without " +
        "handshakes, ordering or retransmission. Therefore UDP has lower latency and overhead, which suits DNS, streaming " +
        "and games, while TCP suits web pages, email and file transfer.";

    public const string Reliability =
        "TCP is a reliable, connection-based protocol: before data flows the two hosts perform a handshake, and every " +
        "segment is acknowledged so lost data is resent and arrives in order. UDP, in contrast, is a lightweight " +
        "connectionless protocol that simply fires datagrams at the receiver with no delivery guarantee, no ordering and no " +
        "congestion control. Because of this, UDP is faster and is used for real-time audio, video and online gaming, " +
        "whereas TCP is used when correctness matters, such as HTTP and SMTP.";

    public const string ByteStream =
        "The Transmission Control Protocol provides a reliable byte stream between applications. It numbers bytes, " +
        "acknowledges them and retransmits anything lost, and it opens connections with SYN, SYN-ACK and ACK. The User " +
        "Datagram Protocol gives applications direct access to IP datagrams with only a checksum and port numbers; it keeps " +
        "no connection state. As a result UDP avoids handshake delay and head-of-line blocking, but applications must " +
        "handle loss themselves.";

    public const string Analogy =
        "Think of TCP as a phone call and UDP as sending postcards. With TCP the two sides first agree to talk, then every " +
        "piece of data is confirmed, resent if it goes missing, and delivered in the order it was sent, and the sender " +
        "slows down when the network is congested. UDP just drops each packet into the network and hopes it arrives; there " +
        "is no connection, no confirmation and no ordering. TCP is the right choice for downloads and websites, UDP for " +
        "voice calls and multiplayer games where a late packet is useless anyway.";

    public const string Headers =
        "TCP and UDP are the two main transport-layer protocols of the Internet protocol suite. A TCP header is at least 20 " +
        "bytes and carries sequence and acknowledgement numbers, window size and flags, which TCP uses for flow control, " +
        "congestion control and reliable, in-order delivery over a connection. A UDP header is only 8 bytes: source port, " +
        "destination port, length and checksum. UDP offers no reliability or ordering, so it is cheaper and quicker, and " +
        "protocols such as DNS, DHCP and QUIC build on it.";

    public const string Bananas = "Bananas are rich in potassium and taste great in smoothies.";

    /// <summary>
    /// The five on-topic answers at about 5 s, then the off-topic one at 0.1 s (E7's shape): its speed share alone
    /// outweighs the good answers' consensus bonus.
    /// </summary>
    public static AnswerToEvaluate[] Answers() =>
    [
        new("hk-handshake", 11, Handshake, 5000),
        new("hk-reliability", 22, Reliability, 5100),
        new("hk-bytestream", 33, ByteStream, 5200),
        new("hk-analogy", 44, Analogy, 5300),
        new("hk-headers", 55, Headers, 5400),
        new("hk-bananas", 66, Bananas, 100),
    ];

    /// <summary>The emission step's view of <paramref name="answers"/>, as the evaluator builds it (null text = empty).</summary>
    public static EmissionAnswer[] EmissionAnswers(IEnumerable<AnswerToEvaluate> answers) =>
        [.. answers.Select(a => new EmissionAnswer(a.Hotkey, a.Uid, a.ResponseTimeMs, EmissionCalculator.IsTestModeText(a.Text ?? string.Empty)))];

    public static EvaluationRequest Request(params AnswerToEvaluate[] answers) => new("tcp-udp", Prompt, answers);
}

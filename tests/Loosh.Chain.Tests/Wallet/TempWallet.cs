using System.Text;
using Loosh.Chain.Wallet;

namespace Loosh.Chain.Tests.Wallet;

/// <summary>A btwallet-layout wallet root in a fresh temporary directory, deleted on dispose. Holds test keys only.</summary>
public sealed class TempWallet : IDisposable
{
    public TempWallet()
    {
        Root = Directory.CreateTempSubdirectory("loosh-wallet-").FullName;
        Layout = new WalletLayout("validator", "default", Root);
        Directory.CreateDirectory(Path.GetDirectoryName(Layout.HotkeyPath)!);
    }

    public string Root { get; }

    public WalletLayout Layout { get; }

    public void WriteHotkey(string json) => File.WriteAllText(Layout.HotkeyPath, json, new UTF8Encoding(false));

    public void WriteHotkey(byte[] bytes) => File.WriteAllBytes(Layout.HotkeyPath, bytes);

    public void WriteColdkeyPub(string json) => File.WriteAllText(Layout.ColdkeyPubPath, json, new UTF8Encoding(false));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

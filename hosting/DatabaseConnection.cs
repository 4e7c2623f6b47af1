using Npgsql;

namespace Loosh.Hosting;

/// <summary>
/// The Postgres connection, from DATABASE_URL (postgres://user:password@host:port/database?sslmode=…) or
/// DATABASE_CONNECTION_STRING (Npgsql keywords). It replaces the reference's SQLite DB_PATH.
/// Values are never echoed in errors: they usually hold a password.
/// </summary>
internal static class DatabaseConnection
{
    public static string Read(SettingsReader read)
    {
        var url = read.Raw("DATABASE_URL");
        var keywords = read.Raw("DATABASE_CONNECTION_STRING");
        if (url is not null && keywords is not null)
        {
            read.Error("DATABASE_URL and DATABASE_CONNECTION_STRING are both set; expected only one of them");
            return "";
        }
        if (url is null && keywords is null)
        {
            var hint = read.IsSet("DB_PATH") ? " (DB_PATH, the reference's SQLite file, is not used: this validator keeps its state in Postgres)" : "";
            read.Error("DATABASE_URL is not set; expected postgres://user:password@host:port/database, or DATABASE_CONNECTION_STRING with Npgsql keywords" + hint);
            return "";
        }
        return url is not null ? FromUrl(read, url) : FromKeywords(read, keywords!);
    }

    private static string FromUrl(SettingsReader read, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") || uri.Host.Length == 0)
        {
            read.Error("DATABASE_URL is not a postgres://user:password@host:port/database URL");
            return "";
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : "postgres",
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }
        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (Uri.UnescapeDataString(k), Uri.UnescapeDataString(v)) : (pair, "");
            try
            {
                builder[key == "sslmode" ? "SSL Mode" : key] = value;
            }
            catch (ArgumentException)
            {
                read.Error($"DATABASE_URL option '{SettingsReader.Printable(key)}' is unknown or has an invalid value");
            }
        }
        return builder.ConnectionString;
    }

    private static string FromKeywords(SettingsReader read, string keywords)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(keywords).ConnectionString;
        }
        catch (ArgumentException)
        {
            read.Error("DATABASE_CONNECTION_STRING is not a valid Npgsql connection string (Host=…;Port=…;Username=…;Database=…)");
            return "";
        }
    }
}

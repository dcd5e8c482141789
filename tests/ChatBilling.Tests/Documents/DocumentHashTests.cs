using System.Text;
using ChatBilling.Core.Documents;

namespace ChatBilling.Tests.Documents;

public class DocumentHashTests
{
    [Fact]
    public void Sha256Hex_matches_the_published_test_vector()
    {
        Assert.Equal(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            DocumentHash.Sha256Hex(Encoding.ASCII.GetBytes("abc")));
    }
}

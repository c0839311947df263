using System.IO;
using System.Linq;
using FluentAssertions;
using IoUring.HeaderGen.Emit;
using IoUring.HeaderGen.Tests.Infrastructure;
using Xunit;

namespace IoUring.HeaderGen.Tests;

/// <summary>src/IoUring.Interop/Native/NativeApi.txt is the reviewable listing of the generated API; it must match the headers.</summary>
public sealed class NativeApiListingTests
{
    [Fact]
    public void The_committed_listing_matches_the_generated_api()
    {
        string listing = ApiListing.Write(Repo.Emitted);
        if (Repo.UpdateBaselines)
        {
            File.WriteAllText(Repo.NativeApiListing, listing);
        }

        File.Exists(Repo.NativeApiListing).Should().BeTrue("the listing is committed (write it with UPDATE_BASELINES=1)");
        // Line sets, not one string: a header bump's failure then names just the lines it adds and removes.
        string[] committed = File.ReadAllText(Repo.NativeApiListing).Split('\n');
        string[] generated = listing.Split('\n');
        generated.Except(committed).Select(l => "+ " + l).Concat(committed.Except(generated).Select(l => "- " + l))
            .Should().BeEmpty("a header or generator change must come with the updated listing (UPDATE_BASELINES=1)");
        File.ReadAllText(Repo.NativeApiListing).Should().Be(listing, "the committed listing is sorted and byte for byte the generated one");
        listing.Should().Contain("struct io_uring_sqe : size 64, align 8\n")
            .And.Contain("struct io_uring_sqe.cmd_op : uint @ 8\n")
            .And.Contain("const IORING_REGISTER_FILES_SKIP : int = -2\n");
    }
}

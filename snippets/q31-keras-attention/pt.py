import numpy as np
import torch
import torch.nn.functional as F

torch.backends.cuda.matmul.fp32_precision = "ieee"  # Keep GPU matmuls in full float32.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# The same seeded queries, keys and values in both files: (batch, length, depth).
batch, length, depth = 2, 5, 16
rng = np.random.default_rng(0)
q, k, v = (rng.normal(size=(batch, length, depth)).astype("float32") for _ in range(3))
q, k, v = (torch.from_numpy(a).to(device) for a in (q, k, v))

# Plain dot-product attention, softmax(q k^T) v, is the fused kernel with scale=1.
output = F.scaled_dot_product_attention(q, k, v, scale=1.0)
by_hand = (q @ k.transpose(-2, -1)).softmax(dim=-1) @ v
assert torch.allclose(output, by_hand, atol=1e-5, rtol=0)  # proof: unscaled

# The Transformer's scaling by 1/sqrt(depth) changes the result.
# scaled_dot_product_attention scales by default.
scaled = F.scaled_dot_product_attention(q, k, v)
scaled_by_hand = (q @ k.transpose(-2, -1) / depth**0.5).softmax(dim=-1) @ v
# proof: scaled-matches-formula
assert torch.allclose(scaled, scaled_by_hand, atol=1e-5, rtol=0)
difference = (scaled - output).abs().max().item()
print(f"largest change from scaling by 1/sqrt({depth}): {difference:.3f}")
assert difference > 0.1  # proof: scaling-changes-result
output = output.cpu()

import math

import numpy as np
import torch
import torch.nn.functional as F

torch.backends.cuda.matmul.fp32_precision = "ieee"  # Keep GPU matmuls in full float32.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# The same seeded queries, keys and values in both files: (batch, heads, length, depth).
batch, heads, length, depth = 2, 3, 5, 4
rng = np.random.default_rng(0)
q, k, v = (
    rng.normal(size=(batch, heads, length, depth)).astype("float32") for _ in range(3)
)
q, k, v = (torch.from_numpy(a).to(device) for a in (q, k, v))

# By hand: softmax(q k^T / sqrt(depth)) v, one weight per (query, key) pair.
scores = q @ k.transpose(-2, -1) / math.sqrt(depth)
weights = scores.softmax(dim=-1)
by_hand = weights @ v
print(f"weights: {tuple(weights.shape)}")
assert torch.allclose(weights.sum(dim=-1), torch.ones(()))  # proof: rows-sum-to-one

# PyTorch's fused kernel takes (..., length, depth): the heads axis comes before length.
output = F.scaled_dot_product_attention(q, k, v)
print(f"output: {tuple(output.shape)}")
assert torch.allclose(output, by_hand, atol=1e-5)  # proof: fused-matches-formula

# A causal mask lets position i attend to positions 0..i only.
allowed = torch.ones(length, length, dtype=torch.bool, device=device).tril()
causal_by_hand = scores.masked_fill(~allowed, float("-inf")).softmax(dim=-1) @ v
causal_output = F.scaled_dot_product_attention(q, k, v, is_causal=True)
# proof: causal-mask
assert torch.allclose(causal_output, causal_by_hand, atol=1e-5)
# Without the mask every position but the last sees different keys: a large change.
assert (causal_output - output).abs().max() > 1e-3
# A boolean mask passed to the fused function marks with True the keys that take part.
masked_output = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
assert torch.allclose(masked_output, causal_output, atol=1e-6)  # proof: bool-mask
# The first position can only see itself, so its output is its own value.
# proof: first-sees-itself
assert torch.allclose(causal_output[..., 0, :], v[..., 0, :], atol=1e-6)
output, causal_output = output.cpu(), causal_output.cpu()
